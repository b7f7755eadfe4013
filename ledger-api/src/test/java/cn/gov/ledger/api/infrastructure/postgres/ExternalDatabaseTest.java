package cn.gov.ledger.api.infrastructure.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.InProcessService;
import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.Postings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Given {@code spring.datasource.url}, the service uses that PostgreSQL and starts none of its
 * own. The "external" server here is a separate PostgreSQL process started by the test.
 */
class ExternalDatabaseTest {

    @Test
    void aGivenDatasourceIsUsedAndNoEmbeddedDatabaseStarts() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "external-db");
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext service = InProcessService.start(dataDir,
                    "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres")) {
                LedgerClient client = InProcessService.client(service);
                String unit = LedgerClient.id("U");
                assertThat(client.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", "D1",
                        "departmentName", "部门")).status()).isEqualTo(201);
                String indicator = LedgerClient.id("IND");
                assertThat(client.post("/api/v1/indicators",
                        Postings.appropriation(indicator, unit, "10.00")).status()).isEqualTo(201);
            }
            try (var connection = external.getPostgresDatabase().getConnection();
                 var count = connection.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry")) {
                count.next();
                assertThat(count.getLong(1)).as("the unit's registration and the appropriation went to the given database")
                        .isEqualTo(2);
            }
        }
        assertThat(dataDir.resolve("postgres")).as("no embedded PostgreSQL was started").doesNotExist();
    }
}
