package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.InProcessService.client;
import static cn.gov.ledger.api.testing.InProcessService.start;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.Postings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two service nodes on one PostgreSQL: each keeps indicators in memory between postings
 * (AggregateCache), so a node's copy is stale once the other node posted to the indicator. Budget
 * control must still see every posting: the stale node's append fails on the event store's unique
 * (aggregate, sequence) key, it drops its copy and retries from the event store.
 */
class TwoNodesTest {

    @Test
    void aNodeWhoseCachedIndicatorIsStaleStillSeesTheOtherNodesPostings() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start();
             ConfigurableApplicationContext a = node(database, "a");
             ConfigurableApplicationContext b = node(database, "b")) {
            LedgerClient nodeA = client(a);
            LedgerClient nodeB = client(b);
            String unit = LedgerClient.id("U");
            assertThat(nodeA.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", "D1",
                    "departmentName", "部门")).status()).isEqualTo(201);
            String indicator = LedgerClient.id("IND");
            assertThat(nodeA.post("/api/v1/indicators", Postings.appropriation(indicator, unit, "100.00"))
                    .status()).isEqualTo(201);
            // node A now holds the indicator with 100.00 left
            assertThat(post(nodeA, indicator, "10.00")).isEqualTo(201);

            assertThat(post(nodeB, indicator, "60.00")).isEqualTo(201);

            LedgerClient.Answer over = nodeA.post("/api/v1/expenditures",
                    Postings.expenditure(LedgerClient.id("E"), indicator, "30.01"));
            assertThat(over.status()).as("node A spent what node B had already spent: %s", over.body()).isEqualTo(409);
            assertThat(over.code()).isEqualTo("BUDGET_EXCEEDED");
            assertThat(over.text("authorityLeft")).isEqualTo("30.00");
            assertThat(post(nodeA, indicator, "30.00")).isEqualTo(201);
            assertThat(post(nodeB, indicator, "0.01")).isEqualTo(409);
        }
    }

    /** A node of its own data directory on the shared database. */
    private static ConfigurableApplicationContext node(EmbeddedPostgres database, String name) throws Exception {
        return start(Files.createTempDirectory(Path.of("target"), "node-" + name),
                "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }

    private static int post(LedgerClient node, String indicator, String amount) {
        return node.post("/api/v1/expenditures",
                Postings.expenditure(LedgerClient.id("E"), indicator, amount)).status();
    }
}
