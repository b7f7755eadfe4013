package cn.gov.ledger.projections.reconciliation;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a streaming processor has covered, from its tokens in {@code token_entry}: every event up to
 * {@code coveredUpTo} (the lowest position of its segments) except the {@code gaps}, the global
 * indexes below its position it has not seen committed yet and still waits for.
 *
 * @param coveredUpTo the global index every segment has reached; -1 before the first event
 * @param gaps        the gaps of all segments' tokens (their union)
 * @param replaying   some segment holds a replay token (a reset is being replayed)
 * @param segments    how many segments the processor has
 */
public record ProcessorCoverage(long coveredUpTo, SortedSet<Long> gaps, boolean replaying, int segments) {

    public ProcessorCoverage {
        gaps = Collections.unmodifiableSortedSet(new TreeSet<>(gaps));
    }

    /** True when the processor has handled the event with this global index. */
    public boolean covers(long globalIndex) {
        return globalIndex <= coveredUpTo && !gaps.contains(globalIndex);
    }
}
