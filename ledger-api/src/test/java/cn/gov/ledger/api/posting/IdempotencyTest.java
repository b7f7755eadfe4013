package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Exactly-once posting under retries: the caller's id decides. */
class IdempotencyTest extends LedgerIntegrationTest {

    @Test
    void identicalRepeatAnswersTheFirstResultAndWritesNothing() {
        String indicator = newIndicator(newUnit(), "1000.00");
        Map<String, Object> spend = expenditure(LedgerClient.id("E"), indicator, "100.00");
        LedgerClient.Answer first = client.post("/api/v1/expenditures", spend);
        long events = eventCount();

        LedgerClient.Answer repeat = client.post("/api/v1/expenditures", spend);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(events);
        assertThat(readIndicator(indicator, first.body().path("sequence").asLong()).text("spent")).isEqualTo("100.00");
    }

    @Test
    void sameIdWithOtherContentIsAConflictAndWritesNothing() {
        String indicator = newIndicator(newUnit(), "1000.00");
        String id = LedgerClient.id("E");
        client.post("/api/v1/expenditures", expenditure(id, indicator, "100.00"));
        long events = eventCount();

        LedgerClient.Answer conflict = client.post("/api/v1/expenditures", expenditure(id, indicator, "100.01"));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("ID_CONFLICT");
        assertThat(conflict.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void amountsAreComparedByValueNotBySpelling() {
        String indicator = newIndicator(newUnit(), "1000.00");
        String id = LedgerClient.id("E");
        assertThat(client.post("/api/v1/expenditures", expenditure(id, indicator, "100")).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/expenditures", expenditure(id, indicator, "100.00")).status()).isEqualTo(200);
    }

    @Test
    void concurrentRepeatsOfOnePostingStoreItOnce() throws Exception {
        String indicator = newIndicator(newUnit(), "1000.00");
        Map<String, Object> spend = expenditure(LedgerClient.id("E"), indicator, "10.00");
        Map<String, Object> other = expenditure(spend.get("expenditureId").toString(), indicator, "20.00");
        List<Callable<LedgerClient.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Map<String, Object> body = i % 4 == 3 ? other : spend;
            calls.add(() -> new LedgerClient(port).post("/api/v1/expenditures", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Integer> statuses = new ArrayList<>();
        long sequence = 0;
        try {
            for (Future<LedgerClient.Answer> answer : pool.invokeAll(calls)) {
                statuses.add(answer.get().status());
                if (answer.get().status() < 300) {
                    sequence = Math.max(sequence, answer.get().body().path("sequence").asLong());
                }
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).containsOnly(200, 201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(eventCount(indicator)).isEqualTo(2); // the appropriation and one expenditure
        String spent = readIndicator(indicator, sequence).text("spent");
        // whichever content won, the others are repeats (200) or conflicts (409), never a second write
        long conflicts = statuses.stream().filter(s -> s == 409).count();
        assertThat(spent).isIn("10.00", "20.00");
        assertThat(conflicts).isEqualTo(spent.equals("10.00") ? 4 : 12);
    }

    /**
     * A posting whose command ran but whose transaction then rolled back (its id was taken by a
     * transaction that committed while it ran) must leave no trace in the indicator's cached state.
     */
    @Test
    void aPostingRolledBackAfterItsCommandRanLeavesTheIndicatorAsItWas() throws Exception {
        String indicator = newIndicator(newUnit(), "1000.00");
        String id = LedgerClient.id("E");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = jdbc.getDataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement taken = other.prepareStatement("INSERT INTO posting_receipt (posting_type,"
                    + " posting_id, content_hash, indicator_id, sequence, posted_by)"
                    + " VALUES ('EXPENDITURE', ?, repeat('0', 64), 'elsewhere', 0, 'another node')")) {
                taken.setString(1, id);
                taken.executeUpdate();
            }
            Future<LedgerClient.Answer> posting = pool.submit(
                    () -> client.post("/api/v1/expenditures", expenditure(id, indicator, "600.00")));
            awaitBlockedOnALock(posting);
            other.commit();

            LedgerClient.Answer answer = posting.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(409);
            assertThat(answer.code()).isEqualTo("ID_CONFLICT");
        } finally {
            pool.shutdownNow();
        }

        LedgerClient.Answer whole = client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("E"), indicator, "1000.00"));
        assertThat(whole.status()).as("the rolled-back 600.00 still counted: %s", whole.body()).isEqualTo(201);
        assertThat(eventCount(indicator)).isEqualTo(2);
    }

    /**
     * Polls (bounded) until the service's transaction waits for a row lock held by the test; between
     * polls it waits on the posting itself, which must not end before that.
     */
    private void awaitBlockedOnALock(Future<?> posting) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Long waiting = jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO posting_receipt%'", Long.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            try {
                posting.get(20, TimeUnit.MILLISECONDS);
                throw new AssertionError("the posting ended before it reached its receipt");
            } catch (TimeoutException stillRunning) {
                // as expected: poll again
            }
        }
        throw new AssertionError("the posting never waited for the receipt row");
    }
}
