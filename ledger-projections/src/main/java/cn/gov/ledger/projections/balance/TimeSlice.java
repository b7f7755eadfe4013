package cn.gov.ledger.projections.balance;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Which events a read counts (docs/domain.md "Time"): those effective on or before {@code asOf} and
 * recorded up to {@code knownAt}; null means no limit.
 */
public record TimeSlice(LocalDate asOf, Instant knownAt) {

    public static final TimeSlice NOW = new TimeSlice(null, null);

    /**
     * {@code knownAt} as a bound for PostgreSQL, which keeps microseconds: truncated, not rounded
     * (the driver would round 0.000999999 s up to 0.001 s and count an event recorded after it).
     */
    static Timestamp knownAtBound(Instant knownAt) {
        return Timestamp.from(knownAt.truncatedTo(ChronoUnit.MICROS));
    }
}
