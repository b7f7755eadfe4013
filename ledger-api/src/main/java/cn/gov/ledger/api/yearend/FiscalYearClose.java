package cn.gov.ledger.api.yearend;

import cn.gov.ledger.api.posting.Caller;
import cn.gov.ledger.api.posting.PostingRequest;
import cn.gov.ledger.api.posting.PostingService;
import cn.gov.ledger.api.reading.ReadConsistency;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.SurplusDisposition;
import cn.gov.ledger.projections.balance.BalanceQueries;
import cn.gov.ledger.projections.balance.Scope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Year-end close (年终结转) of a unit or department: every indicator of the year still open is
 * carried forward into next year's indicator, each as its own CarryForward posting (so a close
 * that stopped half-way is finished by running it again, and a repeat changes nothing).
 */
@Service
public class FiscalYearClose {

    /** How the balance of a PROJECT indicator is split when no override says otherwise. */
    public enum DefaultSplit {
        /** the whole balance is carry-over (结转) */
        CARRY_OVER_ALL,
        /** the whole balance is surplus (结余), carried or recaptured as {@code surplusDisposition} says */
        SURPLUS_ALL
    }

    /**
     * One indicator's carry-forward chosen by hand instead of the defaults: the target indicator,
     * the carry-over amount (结转) and what happens to the surplus (结余).
     */
    public record CarryForwardOverride(String indicatorId, String targetIndicatorId, String carryOverAmount,
                           SurplusDisposition surplusDisposition) {
    }

    private final BalanceQueries queries;
    private final PostingService postings;
    private final ReadConsistency consistency;
    private final JdbcTemplate jdbc;

    public FiscalYearClose(BalanceQueries queries, PostingService postings, ReadConsistency consistency,
                           JdbcTemplate jdbc) {
        this.queries = queries;
        this.postings = postings;
        this.consistency = consistency;
        this.jdbc = jdbc;
    }

    public List<PostingService.BatchItem> close(Scope scope, LocalDate effectiveDate, DefaultSplit split,
                                                SurplusDisposition disposition, List<CarryForwardOverride> overrides,
                                                Caller caller) {
        // the register of open indicators must include every indicator appropriated so far
        Long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        consistency.await(head);
        Map<String, CarryForwardOverride> byIndicator = new LinkedHashMap<>();
        overrides.forEach(o -> byIndicator.put(o.indicatorId(), o));
        List<PostingRequest> carryForwards = new ArrayList<>();
        for (Map.Entry<String, String> indicator : queries.openIndicators(scope, effectiveDate)) {
            String id = indicator.getKey();
            boolean basic = ExpenditureKind.BASIC.name().equals(indicator.getValue());
            CarryForwardOverride o = byIndicator.getOrDefault(id, new CarryForwardOverride(id, null, null, null));
            String carryOver = o.carryOverAmount() != null ? o.carryOverAmount()
                    : basic || split == DefaultSplit.CARRY_OVER_ALL ? null : "0.00";
            carryForwards.add(new PostingRequest.CarryForwardRequest(id,
                    Objects.requireNonNullElse(o.targetIndicatorId(), id + "-" + (scope.fiscalYear() + 1)),
                    carryOver, Objects.requireNonNullElse(o.surplusDisposition(), disposition), effectiveDate));
        }
        return postings.postEach(carryForwards, caller);
    }
}
