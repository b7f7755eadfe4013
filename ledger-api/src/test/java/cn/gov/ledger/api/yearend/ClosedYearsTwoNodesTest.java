package cn.gov.ledger.api.yearend;

import static cn.gov.ledger.api.testing.InProcessService.client;
import static cn.gov.ledger.api.testing.InProcessService.start;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.Postings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A close or reopen on one node applies on another within ClosedYears.KEPT_FOR. */
class ClosedYearsTwoNodesTest {

    /** KEPT_FOR and some slack for the postings themselves. */
    private static final Duration BOUND = ClosedYears.KEPT_FOR.plusSeconds(5);

    @Test
    void anotherNodeLocksAndUnlocksTheYearWithinTheBound() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start();
             ConfigurableApplicationContext a = node(database, "a");
             ConfigurableApplicationContext b = node(database, "b")) {
            LedgerClient nodeA = client(a);
            LedgerClient nodeB = client(b);
            String unit = LedgerClient.id("U");
            nodeA.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", "D1", "departmentName", "部门"))
                    .expect(201);
            // node B has read the closes (none) before the close
            assertThat(appropriate(nodeB, unit)).isEqualTo(201);

            nodeA.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", unit)).expect(200);
            assertThat(appropriate(nodeA, unit)).isEqualTo(409);
            Instant deadline = Instant.now().plus(BOUND);
            while (appropriate(nodeB, unit) != 409) {
                assertThat(Instant.now()).as("node B still accepts postings in the closed year").isBefore(deadline);
            }

            nodeA.post("/api/v1/fiscal-years/2024/reopen", Map.of("unitCode", unit, "reason", "更正")).expect(200);
            deadline = Instant.now().plus(BOUND);
            while (appropriate(nodeB, unit) != 201) {
                assertThat(Instant.now()).as("node B still refuses postings in the reopened year").isBefore(deadline);
            }
        }
    }

    private static int appropriate(LedgerClient node, String unit) {
        return node.post("/api/v1/indicators", Postings.appropriation(LedgerClient.id("IND"), unit, "1.00")).status();
    }

    /** A node of its own data directory on the shared database. */
    private static ConfigurableApplicationContext node(EmbeddedPostgres database, String name) throws Exception {
        return start(Files.createTempDirectory(Path.of("target"), "node-" + name),
                "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }
}
