package cn.gov.ledger.api.infrastructure.eventstore;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;

/**
 * An event read from the store whose timestamp is parsed once. Axon's entry keeps the stored text
 * and parses it with a {@code DateTimeFormatter} on every {@code getTimestamp()}, which the
 * processors' gap checks and every handler's {@code @Timestamp} call again and again.
 */
final class ParsedTimestampEntry<T> extends GenericDomainEventEntry<T> {

    private final Instant timestamp;

    ParsedTimestampEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                         String timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                payload, metaData);
        this.timestamp = parse(timestamp);
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    /**
     * The text Axon writes ({@link DateTimeUtils#formatInstant}: {@code 2024-03-05T08:15:30.123Z}) read
     * digit by digit; any other form goes to Axon's parser.
     */
    static Instant parse(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return DateTimeUtils.parseInstant(text);
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
