package cn.gov.ledger.projections.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one comparison of the read models with the event store found.
 *
 * @param checkedUpTo          the global index the check covered: the processor's position (every
 *                             segment's), -1 when it has processed nothing
 * @param inFlight             gaps of the processor's token at or below {@code checkedUpTo}: events
 *                             it still waits for, not checked
 * @param replaying            the processor was replaying (a reset) when checked
 * @param missingMovements     figure-changing events at or below {@code checkedUpTo}, not in flight,
 *                             without their row in {@code rm_movement}
 * @param missingClosures      CarriedForward events whose indicator is not closed in {@code rm_indicator}
 * @param firstMissing         the global indexes of the first few missing events, ascending
 * @param mismatchedIndicators for a deep check: indicators whose figures in {@code rm_movement} differ
 *                             from the sums of their events' amounts; null when not checked
 * @param firstMismatched      the first few of those indicators
 * @param checkedAt            when the check ran
 * @param took                 how long it took
 */
public record Drift(long checkedUpTo, int inFlight, boolean replaying, long missingMovements, long missingClosures,
                    List<Long> firstMissing, Long mismatchedIndicators, List<String> firstMismatched,
                    Instant checkedAt, Duration took) {

    public Drift {
        firstMissing = List.copyOf(firstMissing);
        firstMismatched = List.copyOf(firstMismatched);
    }

    /** Events the read models lack: missing movements and missing closures. */
    public long missingEvents() {
        return missingMovements + missingClosures;
    }

    /** Missing events plus, for a deep check, indicators whose sums differ. */
    public long total() {
        return missingEvents() + (mismatchedIndicators == null ? 0 : mismatchedIndicators);
    }

    public boolean drifted() {
        return total() > 0;
    }

    public boolean deep() {
        return mismatchedIndicators != null;
    }
}
