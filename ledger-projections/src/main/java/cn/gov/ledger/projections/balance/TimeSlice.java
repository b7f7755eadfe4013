package cn.gov.ledger.projections.balance;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Which events a read counts (DOMAIN.md "Time"): those effective on or before {@code asOf} and
 * recorded up to {@code knownAt}; null means no limit.
 */
public record TimeSlice(LocalDate asOf, Instant knownAt) {

    public static final TimeSlice NOW = new TimeSlice(null, null);
}
