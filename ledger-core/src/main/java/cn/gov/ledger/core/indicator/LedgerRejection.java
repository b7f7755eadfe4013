package cn.gov.ledger.core.indicator;

import java.util.Map;

/** A command the ledger refuses: nothing is written. */
public class LedgerRejection extends RuntimeException {

    private final Rejection reason;
    private final Map<String, String> details;

    public LedgerRejection(Rejection reason, String message) {
        this(reason, message, Map.of());
    }

    public LedgerRejection(Rejection reason, String message, Map<String, String> details) {
        super(message);
        this.reason = reason;
        this.details = Map.copyOf(details);
    }

    public Rejection reason() {
        return reason;
    }

    /** Figures that help the caller, such as {@code authorityLeft}. */
    public Map<String, String> details() {
        return details;
    }
}
