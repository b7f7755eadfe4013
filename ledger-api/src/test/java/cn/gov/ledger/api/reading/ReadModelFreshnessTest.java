package cn.gov.ledger.api.reading;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The read models' linger (LingeringEventStore) is paid only in a stream of events: an event
 * after a quiet spell (here the registration of a unit) reaches the read models at once, a posting
 * within a linger of the last fetch waits for the linger. Its own server, with a linger (30 s) far longer than a read waits (2 s). This holds
 * the processors' side; Axon's reader also polls every second by itself, so when it fetches is
 * FetchPacerTest's to hold.
 */
@TestPropertySource(properties = {
        "ledger.event-store.processor-linger=30s",
        "ledger.read.max-wait=2s"})
class ReadModelFreshnessTest extends LedgerIntegrationTest {

    @Test
    void anEventAfterAQuietSpellIsReadAtOnceAndAPostingRightAfterItWaitsForTheLinger() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        LedgerClient.Answer read = readIndicator(indicator, head());
        assertThat(read.status()).as("a lone event, the unit's registration: %s", read.body()).isEqualTo(404);

        LedgerClient.Answer appropriated = client.post("/api/v1/indicators", appropriation(indicator, unit, "100.00"));
        assertThat(appropriated.status()).isEqualTo(201);
        LedgerClient.Answer behind = readIndicator(indicator, appropriated.body().path("sequence").asLong());
        assertThat(behind.status()).as("within the linger of the last fetch").isEqualTo(503);
        assertThat(behind.code()).isEqualTo("READ_MODEL_BEHIND");
    }
}
