package cn.gov.ledger.api.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The worked example, the demo dataset of 辽宁省工业和信息化厅 (department 060), loaded over HTTP as a
 * user would, once per test JVM: the tests that read it share the one server of the JVM.
 */
final class WorkedExample {

    static final String DEPARTMENT = "060";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static long loadedAt;

    private WorkedExample() {
    }

    /** Loads the units and postings unless this JVM's server has them; answers the batch's sequence. */
    static synchronized long load(LedgerClient client) {
        if (loadedAt > 0) {
            return loadedAt;
        }
        try {
            JsonNode units = JSON.readTree(resource("/demo/liaoning-miit-units.json"));
            for (JsonNode unit : units) {
                assertThat(client.put("/api/v1/units/" + unit.path("unitCode").asText(), unit).status()).isIn(200, 201);
            }
            String batch = new String(resource("/demo/liaoning-miit-2024.json").readAllBytes(), StandardCharsets.UTF_8);
            LedgerClient.Answer loaded = client.post("/api/v1/postings:batch", batch);
            assertThat(loaded.status()).as("%s", loaded.body()).isEqualTo(200);
            loaded.body().path("results").forEach(r -> assertThat(r.path("status").asInt()).isEqualTo(201));
            loadedAt = loaded.body().path("sequence").asLong();
            return loadedAt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String path) {
        InputStream in = WorkedExample.class.getResourceAsStream(path);
        assertThat(in).as("resource %s", path).isNotNull();
        return in;
    }
}
