package cn.gov.ledger.api.audit;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.projections.audit.EventChainAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tamper evidence over HTTP: every event is chained, and an event altered, deleted or moved
 * directly in the database is reported at its global index.
 *
 * <p>Other test classes share the database, so each test tampers only with events of its own
 * indicator, the newest of the ledger, after checking that the chain verifies up to them: the
 * first bad position is then the one it tampered with. Every tampering is undone in a finally
 * block and the chain verifies again afterwards.
 */
class EventChainTest extends LedgerIntegrationTest {

    /** Bound on the polls of /audit/verify while the event-chain processor catches up. */
    private static final int MAX_POLLS = 2_000;

    @Autowired
    private EventChainAppender appender;

    @Test
    void everyEventIsChainedAndTheChainVerifies() {
        List<Long> mine = postings();

        JsonNode chain = chained(mine);

        assertThat(chain.path("valid").asBoolean()).as("%s", chain).isTrue();
        assertThat(chain.path("checked").asLong()).isEqualTo(eventCount());
        assertThat(chain.path("pending").asLong()).isZero();
        assertThat(chain.path("firstBadSequence").isNull()).isTrue();
        assertThat(chain.path("failure").isNull()).isTrue();
        assertThat(chain.path("headHash").asText()).matches("[0-9a-f]{64}");
        assertThat(chain.path("headSequence").asLong()).isEqualTo(mine.get(mine.size() - 1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_chain", Long.class)).isEqualTo(eventCount());
    }

    @Test
    void anAlteredPayloadIsReportedAtItsSequence() {
        List<Long> mine = postings();
        String head = chained(mine).path("headHash").asText();
        long target = mine.get(2);
        byte[] original = payload(target);

        try {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", alterAmount(original),
                    target);

            JsonNode chain = verify("");
            assertThat(chain.path("valid").asBoolean()).as("%s", chain).isFalse();
            assertThat(chain.path("firstBadSequence").asLong()).as("%s", chain).isEqualTo(target);
            assertThat(chain.path("failure").asText()).isEqualTo("EVENT_ALTERED");
            assertThat(chain.path("checked").asLong()).isEqualTo(eventsBelow(target));

            JsonNode extending = verify("?expectHead=" + head);
            assertThat(extending.path("valid").asBoolean()).isFalse();
            assertThat(extending.path("firstBadSequence").asLong()).isEqualTo(target);
            assertThat(extending.path("expectedHeadSequence").asLong()).as("found past the walk's stop")
                    .isEqualTo(mine.get(mine.size() - 1));
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, target);
        }
        assertVerifiesWithHead(head);
    }

    @Test
    void aDeletedEventIsReportedAtItsSequence() {
        List<Long> mine = postings();
        String head = chained(mine).path("headHash").asText();
        long target = mine.get(2);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", target);

        try {
            assertThat(jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", target)).isOne();

            JsonNode chain = verify("");
            assertThat(chain.path("valid").asBoolean()).as("%s", chain).isFalse();
            assertThat(chain.path("firstBadSequence").asLong()).as("%s", chain).isEqualTo(target);
            assertThat(chain.path("failure").asText()).isEqualTo("EVENT_MISSING");
        } finally {
            if (eventsAt(target) == 0) {
                insert(row);
            }
        }
        assertVerifiesWithHead(head);
    }

    @Test
    void reorderedEventsAreReportedAtTheFirstOfThem() {
        List<Long> mine = postings();
        String head = chained(mine).path("headHash").asText();
        long first = mine.get(1);
        long second = mine.get(3);
        byte[] firstPayload = payload(first);
        byte[] secondPayload = payload(second);
        assertThat(firstPayload).isNotEqualTo(secondPayload);

        try {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", secondPayload, first);
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", firstPayload, second);

            JsonNode chain = verify("");
            assertThat(chain.path("valid").asBoolean()).as("%s", chain).isFalse();
            assertThat(chain.path("firstBadSequence").asLong()).as("%s", chain).isEqualTo(first);
            assertThat(chain.path("failure").asText()).isEqualTo("EVENT_ALTERED");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", firstPayload, first);
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", secondPayload, second);
        }
        assertVerifiesWithHead(head);
    }

    @Test
    void todaysLedgerExtendsYesterdaysHeadAndNoOtherHash() {
        JsonNode yesterday = chained(postings());
        String yesterdaysHead = yesterday.path("headHash").asText();
        JsonNode today = chained(postings());
        assertThat(today.path("headHash").asText()).isNotEqualTo(yesterdaysHead);

        JsonNode extends_ = verify("?expectHead=" + yesterdaysHead);
        assertThat(extends_.path("valid").asBoolean()).as("%s", extends_).isTrue();
        assertThat(extends_.path("expectedHeadSequence").asLong()).isEqualTo(yesterday.path("headSequence").asLong());
        assertThat(extends_.path("headHash").asText()).isEqualTo(today.path("headHash").asText());
        assertThat(verify("?expectHead=" + yesterdaysHead.toUpperCase()).path("valid").asBoolean()).isTrue();

        JsonNode bogus = verify("?expectHead=" + sha256("a head this ledger never had"));
        assertThat(bogus.path("valid").asBoolean()).as("%s", bogus).isFalse();
        assertThat(bogus.path("firstBadSequence").isNull()).isTrue();
        assertThat(bogus.path("failure").asText()).isEqualTo("UNKNOWN_HEAD");
        assertThat(bogus.path("reason").asText()).isNotBlank();
        assertThat(bogus.path("expectedHeadSequence").isNull()).isTrue();

        LedgerClient.Answer malformed = client.get("/api/v1/audit/verify?expectHead=not-a-hash");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(malformed.code()).isEqualTo("VALIDATION_FAILED");
    }

    /**
     * An event that commits after a later one reaches the processor late (Axon fills the gap): it
     * is linked in its place and the links above it are linked again, giving the same chain as if
     * it had come in order. Until then, an unlinked event the processor has passed is reported.
     */
    @ParameterizedTest(name = "handed over {0}")
    @EnumSource(HandOver.class)
    void aLateEventIsLinkedInItsPlace(HandOver handOver) {
        List<Long> mine = postings();
        String head = chained(mine).path("headHash").asText();
        long late = mine.get(mine.size() - 2);
        long last = mine.get(mine.size() - 1);
        List<Map<String, Object>> links = jdbc.queryForList(
                "SELECT * FROM event_chain WHERE global_index IN (?, ?) ORDER BY global_index", late, last);
        assertThat(links).hasSize(2);

        try {
            jdbc.update("DELETE FROM event_chain WHERE global_index IN (?, ?)", late, last);
            handOver.hand(this, last, last);

            JsonNode gap = verify("");
            assertThat(gap.path("valid").asBoolean()).as("%s", gap).isFalse();
            assertThat(gap.path("firstBadSequence").asLong()).as("%s", gap).isEqualTo(late);
            assertThat(gap.path("failure").asText()).isEqualTo("LINK_MISSING");

            // a late event is delivered at the highest index seen, not at its own
            handOver.hand(this, late, last);
            handOver.hand(this, late, last);

            assertVerifiesWithHead(head);
            assertThat(jdbc.queryForList(
                    "SELECT * FROM event_chain WHERE global_index IN (?, ?) ORDER BY global_index", late, last))
                    .isEqualTo(links);
        } finally {
            jdbc.update("DELETE FROM event_chain WHERE global_index IN (?, ?)", late, last);
            for (Map<String, Object> link : links) {
                jdbc.update("INSERT INTO event_chain (global_index, event_identifier, hash, previous_hash)"
                                + " VALUES (?, ?, ?, ?)", link.get("global_index"), link.get("event_identifier"),
                        link.get("hash"), link.get("previous_hash"));
            }
        }
        assertVerifiesWithHead(head);
    }

    // ------------------------------------------------------------------ helpers

    /** How an event reaches the appender: by its identifier, or as the processor delivers it. */
    enum HandOver {
        DIRECTLY {
            @Override
            void hand(EventChainTest test, long globalIndex, long position) {
                test.appender.append(List.of(test.eventIdentifier(globalIndex)));
            }
        },
        /** In a unit of work, tracked at a token's position (the events' rows are read by that range). */
        AS_THE_PROCESSOR_DELIVERS_IT {
            @Override
            void hand(EventChainTest test, long globalIndex, long position) {
                TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(
                        new GlobalSequenceTrackingToken(position), new GenericEventMessage<>(
                        test.eventIdentifier(globalIndex), "not read", MetaData.emptyInstance(), Instant.now()));
                AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(test.appender);
                DefaultUnitOfWork.startAndGet(event).execute(() -> {
                    try {
                        handler.handle(event);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        };

        abstract void hand(EventChainTest test, long globalIndex, long position);
    }

    /** An indicator of its own with three expenditures; answers the global indexes of its four events. */
    private List<Long> postings() {
        String indicator = newIndicator(newUnit(), "10000.00");
        long sequence = 0;
        for (String amount : List.of("100.00", "250.00", "375.50")) {
            LedgerClient.Answer spent = client.post("/api/v1/expenditures",
                    expenditure(LedgerClient.id("E"), indicator, amount));
            assertThat(spent.status()).as("%s", spent.body()).isEqualTo(201);
            sequence = spent.body().path("sequence").asLong();
        }
        // the balances have them too, so that no read model ever reads a tampered row
        assertThat(readIndicator(indicator, sequence).status()).isEqualTo(200);
        List<Long> events = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY global_index",
                Long.class, indicator);
        assertThat(events).hasSize(4);
        return events;
    }

    /**
     * Polls the verification (bounded) until the event-chain processor has chained everything, and
     * checks that the chain verifies and reaches these events: they are the newest of the ledger.
     */
    private JsonNode chained(List<Long> mine) {
        List<JsonNode> seen = new ArrayList<>();
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            JsonNode chain = verify("");
            if (chain.path("pending").asLong() == 0 || !chain.path("valid").asBoolean()) {
                assertThat(chain.path("valid").asBoolean()).as("the chain before tampering: %s", chain).isTrue();
                assertThat(chain.path("pending").asLong()).isZero();
                assertThat(chain.path("headSequence").asLong()).isEqualTo(mine.get(mine.size() - 1));
                return chain;
            }
            if (seen.size() < 3) {
                seen.add(chain);
            }
        }
        throw new AssertionError("the event-chain processor did not catch up within " + MAX_POLLS + " polls: " + seen);
    }

    private void assertVerifiesWithHead(String head) {
        JsonNode chain = verify("?expectHead=" + head);
        assertThat(chain.path("valid").asBoolean()).as("after undoing the tampering: %s", chain).isTrue();
        assertThat(chain.path("headHash").asText()).isEqualTo(head);
        assertThat(chain.path("checked").asLong()).isEqualTo(eventCount());
    }

    private JsonNode verify(String query) {
        LedgerClient.Answer answer = client.get("/api/v1/audit/verify" + query);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private byte[] payload(long globalIndex) {
        return jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class,
                globalIndex);
    }

    private String eventIdentifier(long globalIndex) {
        return jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE global_index = ?",
                String.class, globalIndex);
    }

    private long eventsBelow(long globalIndex) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index < ?", Long.class,
                globalIndex);
    }

    private long eventsAt(long globalIndex) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index = ?", Long.class,
                globalIndex);
    }

    private void insert(Map<String, Object> row) {
        List<String> columns = new ArrayList<>(row.keySet());
        jdbc.update("INSERT INTO domain_event_entry (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")",
                columns.stream().map(row::get).toArray());
    }

    /** The payload with the first digit of its amount changed: still valid JSON, one byte different. */
    private static byte[] alterAmount(byte[] payload) {
        byte[] altered = payload.clone();
        int from = new String(payload, StandardCharsets.ISO_8859_1).indexOf("\"fen\"");
        for (int i = Math.max(from, 0); i < altered.length; i++) {
            if (altered[i] >= '0' && altered[i] <= '9') {
                altered[i] = (byte) (altered[i] == '9' ? '8' : altered[i] + 1);
                return altered;
            }
        }
        throw new AssertionError("no digit in the payload " + new String(payload, StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
