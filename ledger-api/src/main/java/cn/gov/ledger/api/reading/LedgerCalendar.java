package cn.gov.ledger.api.reading;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * Days in the ledger's time zone ({@code ledger.time-zone}, the zone of the ledger's Clock): which
 * day "today" is, which day an instant belongs to, and the day time progress (序时进度) is computed
 * for.
 */
@Component
public class LedgerCalendar {

    private final Clock clock;

    LedgerCalendar(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }

    /** The instant as the ledger's local time with its offset, for people reading a report. */
    public OffsetDateTime localTime(Instant instant) {
        return OffsetDateTime.ofInstant(instant, clock.getZone());
    }

    /** The day a read's time progress is for: {@code asOf}; else the day of {@code knownAt}; else today. */
    public LocalDate progressDay(LocalDate asOf, Instant knownAt) {
        if (asOf != null) {
            return asOf;
        }
        return knownAt != null ? dayOf(knownAt) : today();
    }
}
