package cn.gov.ledger.core.yearend;

import cn.gov.ledger.core.money.Money;

/**
 * What a year-end close decided for one indicator.
 *
 * @param outcome           what became of it
 * @param fundsBalance      its funds balance at the close
 * @param carryOver         结转: carried into the target as carry-over
 * @param surplus           结余: the rest of the balance
 * @param recaptured        收回: the part of the surplus recaptured rather than carried
 * @param targetIndicatorId next year's indicator, or null when nothing is carried
 * @param reason            why it could not close (a problem code), or null
 * @param remedy            what would make it closable, or null
 */
public record CloseDecision(String indicatorId, Outcome outcome, Money fundsBalance, Money carryOver, Money surplus,
                            Money recaptured, String targetIndicatorId, String reason, String remedy) {

    public enum Outcome {
        /** carried forward into next year's indicator (a CarryForward posting) */
        CARRIED_FORWARD,
        /** nothing to carry (funds balance zero): closed by the year's lock, no next-year indicator */
        CLOSED_NOTHING_TO_CARRY,
        /** could not close: stays open, listed with the reason and the remedy */
        NOT_CLOSABLE
    }
}
