package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.posting.Violations.Sign;
import cn.gov.ledger.core.indicator.AllocateSurplus;
import cn.gov.ledger.core.indicator.UseNonFiscalSurplus;
import cn.gov.ledger.core.money.Money;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;

/**
 * The postings of a unit's non-fiscal surplus, on table 01's lines of their own: 使用非财政拨款结余 and
 * 结余分配. Kinds of {@link PostingRequest}, in a file of their own.
 */
public final class SurplusPostings {

    private SurplusPostings() {
    }

    /** POST /api/v1/indicators/{indicatorId}/surplus-uses: 使用非财政拨款结余. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    public record SurplusUse(String indicatorId, String useId, String amount, LocalDate effectiveDate, String reason)
            implements PostingRequest {

        /** The use of surplus on the indicator its path names, whatever the body says. */
        SurplusUse forIndicator(String pathIndicatorId) {
            return new SurplusUse(pathIndicatorId, useId, amount, effectiveDate, reason);
        }

        @Override
        public PostingType type() {
            return PostingType.SURPLUS_USE;
        }

        @Override
        public String postingId() {
            return useId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("indicatorId", indicatorId);
            v.id("useId", useId);
            Money money = v.amount("amount", amount, true, Sign.POSITIVE);
            v.required("effectiveDate", effectiveDate);
            v.text("reason", reason, true);
            v.throwIfAny();
            return new PreparedPosting(type(), useId, indicatorId, List.of(indicatorId), null,
                    new UseNonFiscalSurplus(indicatorId, useId, money, effectiveDate, reason));
        }
    }

    /** POST /api/v1/indicators/{indicatorId}/surplus-allocations: 结余分配. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    public record SurplusAllocation(String indicatorId, String allocationId, String amount, LocalDate effectiveDate,
                             String reason) implements PostingRequest {

        /** The allocation on the indicator its path names, whatever the body says. */
        SurplusAllocation forIndicator(String pathIndicatorId) {
            return new SurplusAllocation(pathIndicatorId, allocationId, amount, effectiveDate, reason);
        }

        @Override
        public PostingType type() {
            return PostingType.SURPLUS_ALLOCATION;
        }

        @Override
        public String postingId() {
            return allocationId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("indicatorId", indicatorId);
            v.id("allocationId", allocationId);
            Money money = v.amount("amount", amount, true, Sign.POSITIVE);
            v.required("effectiveDate", effectiveDate);
            v.text("reason", reason, true);
            v.throwIfAny();
            return new PreparedPosting(type(), allocationId, indicatorId, List.of(indicatorId), null,
                    new AllocateSurplus(indicatorId, allocationId, money, effectiveDate, reason));
        }
    }
}
