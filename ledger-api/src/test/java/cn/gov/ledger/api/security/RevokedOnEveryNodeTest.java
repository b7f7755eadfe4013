package cn.gov.ledger.api.security;

import static cn.gov.ledger.api.testing.InProcessService.client;
import static cn.gov.ledger.api.testing.InProcessService.port;
import static cn.gov.ledger.api.testing.InProcessService.start;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL: a key revoked on one is refused by the other, which held it in
 * memory, as soon as the database's notification reaches it (IssuedKeyCache).
 */
class RevokedOnEveryNodeTest {

    /** Far above the milliseconds a notification takes; the poll ends as soon as the node refuses. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void aKeyRevokedOnOneNodeIsRefusedOnTheOther() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start();
             ConfigurableApplicationContext a = node(database, "a");
             ConfigurableApplicationContext b = node(database, "b")) {
            LedgerClient.Answer issued = client(a).post("/api/v1/api-keys", Map.of("name", "dashboard", "role", "VIEWER"));
            assertThat(issued.status()).isEqualTo(201);
            LedgerClient onB = new LedgerClient(port(b), issued.text("secret"));
            assertThat(onB.get("/api/v1/units").status()).as("node B knows a key issued on A").isEqualTo(200);
            assertThat(onB.get("/api/v1/units").status()).as("and keeps it in memory").isEqualTo(200);

            assertThat(client(a).delete("/api/v1/api-keys/" + issued.text("keyId")).status()).isEqualTo(204);
            assertThat(new LedgerClient(port(a), issued.text("secret")).get("/api/v1/units").status())
                    .as("at once on the node that revoked it").isEqualTo(401);
            long start = System.nanoTime();
            int status;
            do {
                status = onB.get("/api/v1/units").status();
            } while (status != 401 && System.nanoTime() - start < BOUND.toNanos());
            assertThat(status).as("on node B within %s", BOUND).isEqualTo(401);
        }
    }

    /** A node of its own data directory on the shared database. */
    private static ConfigurableApplicationContext node(EmbeddedPostgres database, String name) throws Exception {
        return start(Files.createTempDirectory(Path.of("target"), "node-" + name),
                "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }
}
