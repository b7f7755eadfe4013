package cn.gov.ledger.api.yearend;

import cn.gov.ledger.api.posting.BatchRefused;
import cn.gov.ledger.api.posting.Caller;
import cn.gov.ledger.api.posting.PostingRequest;
import cn.gov.ledger.api.posting.PostingService;
import cn.gov.ledger.api.reading.ReadConsistency;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.SurplusDisposition;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.core.yearend.CloseDecision;
import cn.gov.ledger.core.yearend.CloseDecision.Outcome;
import cn.gov.ledger.core.yearend.FiscalYearClosed;
import cn.gov.ledger.projections.balance.BalanceQueries;
import cn.gov.ledger.projections.balance.IndicatorView;
import cn.gov.ledger.projections.balance.Scope;
import cn.gov.ledger.projections.balance.TimeSlice;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Year-end close (年终结转/年终结账) of a unit or department. First it decides, per indicator of
 * the year still open: carry forward into next year's indicator (结转, 结余, 收回), close with
 * nothing to carry (funds balance zero: no next-year indicator, the year's lock closes it), or not
 * closable (with the reason and the remedy). A dry run answers those decisions and writes nothing.
 * Otherwise each carry-forward is posted on its own (a repeat changes nothing), and the close is
 * recorded (FiscalYearClosed, with every decision), which locks the year. Closing again after a
 * reopen decides only what changed: carried indicators are closed, and one the last close closed
 * with nothing to carry is not decided again while it still has nothing.
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

    /** What a close asks for: the scope, the date, the defaults and overrides, a dry run or not, all or nothing. */
    public record CloseOrder(Scope scope, LocalDate effectiveDate, DefaultSplit split, SurplusDisposition disposition,
                             List<CarryForwardOverride> overrides, boolean dryRun, boolean atomic) {
    }

    /**
     * What a close did (or, dry, would do).
     *
     * @param alreadyClosed the year was closed already: nothing was decided, the last close's sequence is given
     * @param sequence      the sequence of the close's event (0 for a dry run)
     */
    public record CloseResult(boolean dryRun, boolean alreadyClosed, long sequence, List<CloseDecision> decisions) {
    }

    private final BalanceQueries queries;
    private final PostingService postings;
    private final ReadConsistency consistency;
    private final JdbcTemplate jdbc;
    private final CloseRecords records;
    private final ClosedYears closedYears;

    FiscalYearClose(BalanceQueries queries, PostingService postings, ReadConsistency consistency, JdbcTemplate jdbc,
                    CloseRecords records, ClosedYears closedYears) {
        this.queries = queries;
        this.postings = postings;
        this.consistency = consistency;
        this.jdbc = jdbc;
        this.records = records;
        this.closedYears = closedYears;
    }

    public CloseResult close(CloseOrder order, Caller caller) {
        Scope scope = order.scope();
        Optional<ClosedYears.YearState> state = closedYears.find(scope.fiscalYear(), scope.departmentCode(),
                scope.unitCode());
        if (state.isPresent() && state.get().closed()) {
            return new CloseResult(order.dryRun(), true, state.get().closedAtSequence(), List.of());
        }
        // the register of open indicators and their balances must include every posting so far
        consistency.await(jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry",
                Long.class));
        List<CloseDecision> decisions = decide(order);
        if (order.dryRun()) {
            return new CloseResult(true, false, 0, decisions);
        }
        List<CloseDecision> notClosable = decisions.stream().filter(d -> d.outcome() == Outcome.NOT_CLOSABLE).toList();
        if (order.atomic() && !notClosable.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "FISCAL_YEAR_NOT_CLOSABLE", notClosable.size()
                    + " indicator(s) cannot close; nothing was done",
                    Map.of("notClosable", notClosable.stream().map(CloseAnswers::decision).toList()));
        }
        List<CloseDecision> done = post(order, decisions, caller);
        long sequence = records.recordClose(scope.fiscalYear(), scope.departmentCode(), scope.unitCode(), done, caller);
        return new CloseResult(false, false, sequence, done);
    }

    /**
     * A decision for every indicator still open, less those the last close closed with nothing to
     * carry and that are still so; one not closable is listed again until it closes.
     */
    private List<CloseDecision> decide(CloseOrder order) {
        Scope scope = order.scope();
        Map<String, CarryForwardOverride> byIndicator = new LinkedHashMap<>();
        order.overrides().forEach(o -> byIndicator.put(o.indicatorId(), o));
        Map<String, CloseDecision> decidedBefore = lastDecisions(scope);
        List<CloseDecision> decisions = new ArrayList<>();
        for (Map.Entry<String, String> open : queries.openIndicators(scope, order.effectiveDate())) {
            IndicatorView indicator = queries.indicator(open.getKey(), TimeSlice.NOW).orElseThrow();
            CarryForwardOverride o = byIndicator.getOrDefault(open.getKey(),
                    new CarryForwardOverride(open.getKey(), null, null, null));
            CloseDecision decision = decide(indicator, o, order, scope.fiscalYear());
            if (decision.outcome() == Outcome.CARRIED_FORWARD) {
                decision = checkTarget(decision, indicator, queries.indicator(decision.targetIndicatorId(),
                        TimeSlice.NOW).orElse(null));
            }
            // an indicator closed with nothing to carry stays so: not decided again unless it changed
            if (decision.outcome() != Outcome.CLOSED_NOTHING_TO_CARRY
                    || !decision.equals(decidedBefore.get(decision.indicatorId()))) {
                decisions.add(decision);
            }
        }
        return decisions;
    }

    /** The rules of BudgetIndicator.planCarryForward, told as decisions with their remedies. */
    private static CloseDecision decide(IndicatorView indicator, CarryForwardOverride o, CloseOrder order,
                                        int fiscalYear) {
        String id = indicator.indicatorId();
        Money balance = indicator.figures().fundsBalance();
        boolean basic = ExpenditureKind.BASIC.name().equals(indicator.kind());
        if (balance.isNegative()) {
            return notClosable(id, balance, "CARRY_FORWARD_SPLIT_INVALID", "the funds balance is " + balance
                    + ": reopen the year if closed, record income of " + balance.negate()
                    + " or reverse expenditure of " + balance.negate() + ", then close again");
        }
        if (balance.isZero() && o.targetIndicatorId() == null) {
            return new CloseDecision(id, Outcome.CLOSED_NOTHING_TO_CARRY, balance, Money.ZERO, Money.ZERO, Money.ZERO,
                    null, null, null);
        }
        Money carryOver;
        try {
            carryOver = o.carryOverAmount() != null ? Money.parse(o.carryOverAmount())
                    : basic || order.split() == DefaultSplit.CARRY_OVER_ALL ? balance : Money.ZERO;
        } catch (RuntimeException e) {
            return notClosable(id, balance, "VALIDATION_FAILED", "the override's carryOverAmount '"
                    + o.carryOverAmount() + "' is not an amount in yuan");
        }
        if (carryOver.isNegative() || balance.isLessThan(carryOver)) {
            return notClosable(id, balance, "CARRY_FORWARD_SPLIT_INVALID", "give a carry-over between 0 and the funds "
                    + "balance " + balance);
        }
        Money surplus = balance.minus(carryOver);
        if (surplus.isPositive() && basic) {
            return notClosable(id, balance, "SURPLUS_ON_BASIC_INDICATOR", "basic expenditure only carries over: "
                    + "carry the whole balance " + balance);
        }
        SurplusDisposition disposition = Objects.requireNonNullElse(o.surplusDisposition(), order.disposition());
        return new CloseDecision(id, Outcome.CARRIED_FORWARD, balance, carryOver, surplus,
                disposition == SurplusDisposition.RECAPTURE ? surplus : Money.ZERO,
                Objects.requireNonNullElse(o.targetIndicatorId(), id + "-" + (fiscalYear + 1)), null, null);
    }

    /**
     * An existing target must be open and next year's indicator of the same attributes (the rules
     * of YearEndCarryForward), so that a dry run foresees the close's refusals there too.
     */
    private static CloseDecision checkTarget(CloseDecision decision, IndicatorView source, IndicatorView target) {
        String id = decision.indicatorId();
        if (decision.targetIndicatorId().equals(id)) {
            return notClosable(id, decision.fundsBalance(), "CARRY_FORWARD_TARGET_INVALID",
                    "name another indicator as the target");
        }
        if (target == null) {
            return decision;
        }
        if (target.closed()) {
            return notClosable(id, decision.fundsBalance(), "INDICATOR_CLOSED", "the target "
                    + target.indicatorId() + " is closed: name another target");
        }
        boolean nextYears = target.fiscalYear() == source.fiscalYear() + 1
                && Objects.equals(target.unitCode(), source.unitCode())
                && Objects.equals(target.fundSource(), source.fundSource())
                && Objects.equals(target.functionalCode(), source.functionalCode())
                && Objects.equals(target.kind(), source.kind())
                && Objects.equals(target.projectCode(), source.projectCode())
                && Objects.equals(target.projectName(), source.projectName())
                && Objects.equals(target.economicCode(), source.economicCode());
        return nextYears ? decision : notClosable(id, decision.fundsBalance(), "CARRY_FORWARD_TARGET_INVALID",
                "the target " + target.indicatorId() + " is not next year's indicator of the same attributes: "
                        + "name another target");
    }

    private static CloseDecision notClosable(String id, Money balance, String reason, String remedy) {
        return new CloseDecision(id, Outcome.NOT_CLOSABLE, balance, null, null, null, null, reason, remedy);
    }

    /**
     * Posts the carry-forwards decided: each on its own, or all in one transaction when atomic. A
     * carry-forward the ledger refuses after all becomes not closable, with the ledger's problem.
     */
    private List<CloseDecision> post(CloseOrder order, List<CloseDecision> decisions, Caller caller) {
        List<CloseDecision> carried = decisions.stream().filter(d -> d.outcome() == Outcome.CARRIED_FORWARD).toList();
        List<PostingRequest> requests = carried.stream().map(d -> (PostingRequest) new PostingRequest.CarryForwardRequest(
                d.indicatorId(), d.targetIndicatorId(), d.carryOver().toString(),
                d.recaptured().isPositive() ? SurplusDisposition.RECAPTURE : SurplusDisposition.CARRY,
                order.effectiveDate())).toList();
        List<PostingService.BatchItem> results;
        try {
            results = order.atomic() ? postings.postAtomically(requests, caller) : postings.postEach(requests, caller);
        } catch (BatchRefused refused) {
            throw refused.problem();
        }
        Map<String, CloseDecision> refused = new HashMap<>();
        for (PostingService.BatchItem item : results) {
            if (item.problem() != null) {
                CloseDecision d = carried.get(item.index());
                refused.put(d.indicatorId(), notClosable(d.indicatorId(), d.fundsBalance(),
                        String.valueOf(item.problem().get("code")), String.valueOf(item.problem().get("detail"))));
            }
        }
        return decisions.stream().map(d -> refused.getOrDefault(d.indicatorId(), d)).toList();
    }

    /** The decisions of the last close of this year, by indicator; none when it was never closed. */
    private Map<String, CloseDecision> lastDecisions(Scope scope) {
        Map<String, CloseDecision> last = new HashMap<>();
        records.history(scope.fiscalYear(), scope.departmentCode(), scope.unitCode(), null).stream()
                .filter(e -> e.event() instanceof FiscalYearClosed)
                .reduce((first, second) -> second)
                .ifPresent(e -> ((FiscalYearClosed) e.event()).decisions().forEach(d -> last.put(d.indicatorId(), d)));
        return last;
    }
}
