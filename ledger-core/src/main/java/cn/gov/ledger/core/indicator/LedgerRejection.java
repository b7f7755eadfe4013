package cn.gov.ledger.core.indicator;

import java.util.Map;

/** Thrown when the ledger refuses a command, for a {@link RejectionReason}: nothing is written. */
public class LedgerRejection extends RuntimeException {

    private final RejectionReason reason;
    private final Map<String, String> details;

    public LedgerRejection(RejectionReason reason, String message) {
        this(reason, message, Map.of());
    }

    public LedgerRejection(RejectionReason reason, String message, Map<String, String> details) {
        super(message);
        this.reason = reason;
        this.details = Map.copyOf(details);
    }

    public RejectionReason reason() {
        return reason;
    }

    /** Figures that help the caller, such as {@code authorityLeft}. */
    public Map<String, String> details() {
        return details;
    }
}
