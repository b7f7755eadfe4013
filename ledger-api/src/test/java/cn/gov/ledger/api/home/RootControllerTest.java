package cn.gov.ledger.api.home;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /} answers without a key, and each place it points to is there. */
class RootControllerTest extends LedgerIntegrationTest {

    @Test
    void answersWithoutAKeyWhereToGoNext() {
        LedgerClient anonymous = new LedgerClient(port, null);
        LedgerClient.Answer root = anonymous.get("/");
        assertThat(root.status()).as("%s", root.body()).isEqualTo(200);
        assertThat(root.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode links = root.body().path("links");
        assertThat(links.path("health").asText()).isEqualTo("/actuator/health");
        assertThat(links.path("apiDocs").asText()).isEqualTo("/swagger-ui.html");
        assertThat(links.path("openApi").asText()).isEqualTo("/v3/api-docs");
        assertThat(root.body().path("authentication").asText()).contains("Bearer");

        assertThat(anonymous.get(links.path("health").asText()).status()).isEqualTo(200);
        List<String> documents = new ArrayList<>();
        links.fields().forEachRemaining(link -> documents.add(link.getValue().asText()));
        for (String document : documents) {
            assertThat(client.get(document).status()).as(document).isIn(200, 302);
        }
        assertThat(client.get("/v3/api-docs").body().path("paths").has("/api/v1/expenditures")).isTrue();
        assertThat(anonymous.post("/", "{}").status()).as("only GET / is open").isEqualTo(401);
    }
}
