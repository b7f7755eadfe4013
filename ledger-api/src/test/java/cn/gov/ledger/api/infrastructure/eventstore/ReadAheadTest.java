package cn.gov.ledger.api.infrastructure.eventstore;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A processor behind by several batches reads every event once, in order, with the next batch read
 * ahead, each with its stored timestamp and its global index as its token's.
 */
class ReadAheadTest extends LedgerIntegrationTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    LedgerProperties properties;

    @Test
    void aReaderBehindGetsEveryEventOnceInOrder() {
        int batchSize = properties.eventStore().batchSize();
        String indicator = newIndicator(newUnit(), "1000000.00");
        List<Map<String, Object>> postings = new ArrayList<>();
        for (int i = 0; i < 2 * batchSize + batchSize / 2; i++) {
            Map<String, Object> posting = new LinkedHashMap<>();
            posting.put("type", "EXPENDITURE");
            posting.putAll(expenditure(LedgerClient.id("EXP"), indicator, "1.00"));
            postings.add(posting);
        }
        assertThat(client.post("/api/v1/postings:batch", Map.of("atomic", true, "postings", postings)).status())
                .isEqualTo(200);
        List<String> stored = jdbc.queryForList("SELECT global_index || ' ' || event_identifier || ' ' || time_stamp"
                + " FROM domain_event_entry ORDER BY global_index", String.class);
        assertThat(stored.size()).isGreaterThan(2 * batchSize);

        // twice: the second reader meets the batch the first one left read ahead
        for (int read = 0; read < 2; read++) {
            List<String> events = new ArrayList<>();
            TrackingToken last = null;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(last, false)) {
                stream.limit(stored.size()).forEach(event -> events.add(
                        ((GapAwareTrackingToken) event.trackingToken()).getIndex() + " " + event.getIdentifier()
                                + " " + DateTimeUtils.formatInstant(event.getTimestamp())));
            }
            assertThat(events).as("read %d", read).isEqualTo(stored);
        }
    }
}
