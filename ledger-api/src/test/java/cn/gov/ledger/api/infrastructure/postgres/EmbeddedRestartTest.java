package cn.gov.ledger.api.infrastructure.postgres;

import static cn.gov.ledger.api.testing.InProcessService.client;
import static cn.gov.ledger.api.testing.InProcessService.start;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.Postings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded default keeps its data in the data directory: a restart finds every posting again. */
class EmbeddedRestartTest {

    @Test
    void dataSurvivesARestartOfTheService() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-data");
        String unit = LedgerClient.id("U");
        String indicator = LedgerClient.id("IND");
        long sequence;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            LedgerClient client = client(first);
            assertThat(client.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", "D1",
                    "departmentName", "部门")).status()).isEqualTo(201);
            Map<String, Object> body = Postings.appropriation(indicator, unit, "123.45");
            sequence = client.post("/api/v1/indicators", body).body().path("sequence").asLong();
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            LedgerClient client = client(second);
            LedgerClient.Answer read = client.get("/api/v1/indicators/" + indicator + "?minSequence=" + sequence);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("initialBudget")).isEqualTo("123.45");
            assertThat(client.post("/api/v1/indicators", Postings.appropriation(indicator, unit,
                    "123.45")).status()).as("the posting is still known after the restart").isEqualTo(200);
        }
    }
}
