package cn.gov.ledger.api.infrastructure.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class ParsedTimestampEntryTest {

    @Test
    void readsWhatAxonWritesAsAxonDoes() {
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            String text = DateTimeUtils.formatInstant(instant);
            assertThat(ParsedTimestampEntry.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
        for (String text : new String[] {"2024-02-29T23:59:59.999Z", "2024-01-01T00:00:00.000Z",
                "2023-12-31T23:59:59.000Z", "2000-02-29T12:00:00.500Z"}) {
            assertThat(ParsedTimestampEntry.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesOtherFormsToAxon() {
        for (String text : new String[] {"2024-03-05T08:15:30.123+08:00", "2024-03-05T08:15:30.123456Z",
                "+10000-01-01T00:00:00.000Z", "2024-03-05t08:15:30.123z"}) {
            assertThat(ParsedTimestampEntry.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
        for (String text : new String[] {"2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z",
                "2024-03-05T24:00:00.000Z", "2024-03-05T08:15:3x.123Z"}) {
            assertThatThrownBy(() -> ParsedTimestampEntry.parse(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
