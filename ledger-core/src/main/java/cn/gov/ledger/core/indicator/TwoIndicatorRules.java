package cn.gov.ledger.core.indicator;

import java.util.Map;

/**
 * What may pass between two indicators: the rules of 调剂 (TransferBudget) and of 调账
 * (MoveExpenditure), which compare the source's attributes with the target's. The indicator asks
 * them as it takes the money or the expenditure in; each refusal names its {@link TransferRule}.
 */
final class TwoIndicatorRules {

    private TwoIndicatorRules() {
    }

    /**
     * 调剂 stays within one unit, fiscal year and fund source (专款专用); it crosses kinds of
     * expenditure (基本支出, 项目支出) only when asked to and allowed to.
     */
    static void requireTransferAllowed(IndicatorAttributes source, IndicatorAttributes target, boolean acrossKinds,
                                       boolean acrossKindsAllowed) {
        if (source.fiscalYear() != target.fiscalYear()) {
            throw transferNotAllowed(TransferRule.SAME_FISCAL_YEAR, "a transfer stays within one fiscal year: "
                    + source.fiscalYear() + " → " + target.fiscalYear());
        }
        if (!source.unitCode().equals(target.unitCode())) {
            throw transferNotAllowed(TransferRule.SAME_UNIT, "a transfer stays within one unit: "
                    + source.unitCode() + " → " + target.unitCode());
        }
        if (source.fundSource() != target.fundSource()) {
            throw transferNotAllowed(TransferRule.SAME_FUND_SOURCE, "a transfer stays within one fund source: "
                    + source.fundSource() + " → " + target.fundSource());
        }
        if (source.kind() != target.kind() && !acrossKinds) {
            throw transferNotAllowed(TransferRule.SAME_KIND, "a transfer stays within one kind of expenditure unless it"
                    + " says acrossKinds: " + source.kind() + " → " + target.kind());
        }
        if (source.kind() != target.kind() && !acrossKindsAllowed) {
            throw transferNotAllowed(TransferRule.ACROSS_KINDS_ENABLED, "this ledger does not allow transfers across"
                    + " kinds of expenditure: " + source.kind() + " → " + target.kind());
        }
    }

    /**
     * A move corrects where an expenditure was booked within the unit and year that paid it; fund
     * source and kind may differ, since booking it under the wrong one is the mistake corrected.
     */
    static void requireMoveAllowed(IndicatorAttributes source, IndicatorAttributes target) {
        if (source.fiscalYear() != target.fiscalYear()) {
            throw moveNotAllowed(TransferRule.SAME_FISCAL_YEAR, "an expenditure moves within its fiscal year: "
                    + source.fiscalYear() + " → " + target.fiscalYear());
        }
        if (!source.unitCode().equals(target.unitCode())) {
            throw moveNotAllowed(TransferRule.SAME_UNIT, "an expenditure moves within the unit that paid it: "
                    + source.unitCode() + " → " + target.unitCode());
        }
    }

    static LedgerRejection moveNotAllowed(TransferRule rule, String message) {
        return new LedgerRejection(RejectionReason.MOVE_NOT_ALLOWED, message, Map.of("rule", rule.name()));
    }

    static LedgerRejection transferNotAllowed(TransferRule rule, String message) {
        return new LedgerRejection(RejectionReason.TRANSFER_NOT_ALLOWED, message, Map.of("rule", rule.name()));
    }
}
