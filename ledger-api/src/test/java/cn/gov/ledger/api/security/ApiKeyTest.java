package cn.gov.ledger.api.security;

import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static cn.gov.ledger.api.testing.ProblemAssertions.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.Postings;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys issued, listed and revoked at run time by an ADMIN (/api/v1/api-keys), and their audit trail. */
class ApiKeyTest extends LedgerIntegrationTest {

    private static final Duration CHAIN_BOUND = Duration.ofSeconds(30);
    private static final Duration NOTIFICATION_BOUND = Duration.ofSeconds(5);

    @Test
    void anIssuedKeyWorksIsListedWithoutItsSecretAndIsRefusedOnceRevoked() {
        long before = head();
        String name = LedgerClient.id("dashboard");
        LedgerClient.Answer issued = client.post("/api/v1/api-keys", Map.of("name", name, "role", "VIEWER"));
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
        String secret = issued.text("secret");
        String keyId = issued.text("keyId");
        assertThat(secret).startsWith("ledger_").hasSizeGreaterThanOrEqualTo("ledger_".length() + 43);
        assertThat(issued.raw().headers().firstValue("Location")).hasValue("/api/v1/api-keys/" + keyId);
        assertThat(issued.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(issued.text("createdBy")).isEqualTo("admin");

        LedgerClient holder = new LedgerClient(port, secret);
        assertThat(holder.get("/api/v1/units").status()).isEqualTo(200);

        LedgerClient.Answer list = client.get("/api/v1/api-keys");
        assertThat(list.status()).isEqualTo(200);
        JsonNode row = row(list, keyId);
        assertThat(row.path("name").asText()).isEqualTo(name);
        assertThat(row.path("role").asText()).isEqualTo("VIEWER");
        assertThat(row.path("revokedAt").isNull()).isTrue();
        assertThat(row.has("secret")).isFalse();
        assertThat(list.raw().body()).doesNotContain(secret).doesNotContain(ApiKeys.hash(secret));

        assertThat(client.delete("/api/v1/api-keys/" + keyId).status()).isEqualTo(204);
        assertProblem(holder.get("/api/v1/units"), 401, "UNAUTHENTICATED");
        assertThat(client.delete("/api/v1/api-keys/" + keyId).status()).as("revoking twice").isEqualTo(204);
        JsonNode revoked = row(client.get("/api/v1/api-keys"), keyId);
        assertThat(revoked.path("revokedAt").isNull()).isFalse();
        assertThat(revoked.path("revokedBy").asText()).isEqualTo("admin");
        assertProblem(client.delete("/api/v1/api-keys/" + UUID.randomUUID()), 404, "API_KEY_NOT_FOUND");
        assertProblem(client.delete("/api/v1/api-keys/not-a-key"), 404, "API_KEY_NOT_FOUND");

        LedgerClient.Answer trail = client.get("/api/v1/audit/events?afterSequence=" + before);
        List<JsonNode> keyEvents = new ArrayList<>();
        trail.body().path("rows").forEach(event -> {
            if (event.path("payload").path("keyId").asText().equals(keyId)) {
                keyEvents.add(event);
            }
        });
        assertThat(keyEvents).extracting(event -> event.path("type").asText())
                .as("one issue, one revoke, whatever the second DELETE").containsExactly("ApiKeyIssued", "ApiKeyRevoked");
        assertThat(keyEvents.get(0).path("payload").path("name").asText()).isEqualTo(name);
        assertThat(keyEvents.get(0).path("postedBy").asText()).isEqualTo("admin");
        assertThat(keyEvents.get(1).path("payload").path("revokedBy").asText()).isEqualTo("admin");
        assertThat(trail.raw().body()).doesNotContain(secret).doesNotContain(ApiKeys.hash(secret));
        assertChainVerifiesThrough(keyEvents.get(1).path("sequence").asLong());
    }

    /** A key revoked by an operator in the database, not through the API, is refused as soon as the trigger's notification arrives. */
    @Test
    void aKeyRevokedInTheDatabaseIsRefusedToo() {
        LedgerClient.Answer issued = client.post("/api/v1/api-keys", Map.of("name", LedgerClient.id("v"), "role", "VIEWER"));
        LedgerClient holder = new LedgerClient(port, issued.text("secret"));
        assertThat(holder.get("/api/v1/units").status()).isEqualTo(200);
        assertThat(holder.get("/api/v1/units").status()).isEqualTo(200);
        jdbc.update("UPDATE api_key SET revoked_at = now(), revoked_by = 'operator' WHERE key_id = ?::uuid",
                issued.text("keyId"));
        long start = System.nanoTime();
        int status;
        do {
            status = holder.get("/api/v1/units").status();
        } while (status != 401 && System.nanoTime() - start < NOTIFICATION_BOUND.toNanos());
        assertThat(status).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedAndWritesNothing() {
        long keys = keyCount();
        long events = eventCount();
        Map<String, Object> unknownRole = Map.of("name", "x", "role", "SUPERUSER");
        Map<String, Object> blankName = Map.of("name", "  ", "role", "VIEWER");
        Map<String, Object> scopedAdmin = Map.of("name", "x", "role", "ADMIN", "units", List.of("U1"));
        Map<String, Object> scopedAuditor = Map.of("name", "x", "role", "AUDITOR", "departments", List.of("D1"));
        Map<String, Object> badCode = Map.of("name", "x", "role", "VIEWER", "departments", List.of("D 1"));
        Map<Map<String, Object>, String> fieldAtFault = new HashMap<>(Map.of(unknownRole, "role", blankName, "name",
                scopedAdmin, "role", scopedAuditor, "role", badCode, "departments"));
        fieldAtFault.forEach((body, field) -> {
            LedgerClient.Answer answer = client.post("/api/v1/api-keys", body);
            assertProblem(answer, 400, "VALIDATION_FAILED");
            assertThat(errorFields(answer)).as("%s", body).contains(field);
        });
        LedgerClient.Answer unreadable = client.post("/api/v1/api-keys", "{\"name\":");
        assertProblem(unreadable, 400, "VALIDATION_FAILED");
        assertThat(errorFields(unreadable)).containsExactly("body");
        assertThat(keyCount()).isEqualTo(keys);
        assertThat(eventCount()).isEqualTo(events);
    }

    /** A key's name is what the audit trail records as postedBy, so no two keys share one. */
    @Test
    void aNameIsOneKeysForGood() {
        String name = LedgerClient.id("dashboard");
        String keyId = client.post("/api/v1/api-keys", Map.of("name", name, "role", "VIEWER")).text("keyId");
        assertThat(client.delete("/api/v1/api-keys/" + keyId).status()).isEqualTo(204);
        long keys = keyCount();
        long events = eventCount();
        assertProblem(client.post("/api/v1/api-keys", Map.of("name", name, "role", "VIEWER")), 409, "API_KEY_NAME_TAKEN");
        assertProblem(client.post("/api/v1/api-keys", Map.of("name", "finance-system-a", "role", "POSTER")),
                409, "API_KEY_NAME_TAKEN");
        assertThat(keyCount()).isEqualTo(keys);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void onlyAnAdminManagesKeys() {
        for (String key : List.of(POSTER_KEY, VIEWER_KEY, AUDITOR_KEY)) {
            LedgerClient other = new LedgerClient(port, key);
            assertProblem(other.get("/api/v1/api-keys"), 403, "FORBIDDEN");
            assertProblem(other.post("/api/v1/api-keys", Map.of("name", "x", "role", "ADMIN")), 403, "FORBIDDEN");
            assertProblem(other.delete("/api/v1/api-keys/" + UUID.randomUUID()), 403, "FORBIDDEN");
        }
        LedgerClient.Answer issued = client.post("/api/v1/api-keys", Map.of("name", LedgerClient.id("v"), "role", "VIEWER"));
        assertProblem(new LedgerClient(port, issued.text("secret")).get("/api/v1/api-keys"), 403, "FORBIDDEN");
    }

    /** A POSTER key scoped to a department posts to its units, through the fast path, and nowhere else. */
    @Test
    void aScopedPosterPostsOnlyWithinItsScope() {
        String department = LedgerClient.id("D");
        String inside = unitOf(department);
        String outside = newUnit();
        LedgerClient poster = new LedgerClient(port, client.post("/api/v1/api-keys", Map.of("name", LedgerClient.id("p"),
                "role", "POSTER", "departments", List.of(department))).text("secret"));
        String indicator = LedgerClient.id("IND");
        assertThat(poster.post("/api/v1/indicators", Postings.appropriation(indicator, inside, "100.00")).status())
                .isEqualTo(201);
        assertThat(poster.post("/api/v1/expenditures", Postings.expenditure(LedgerClient.id("E"), indicator, "1.00"))
                .status()).isEqualTo(201);
        assertThat(poster.get("/api/v1/postings/" + indicator).status()).as("its own posting, in its scope").isEqualTo(200);

        String foreign = newIndicator(outside, "100.00");
        Snapshot before = snapshot(foreign);
        assertProblem(poster.post("/api/v1/indicators", Postings.appropriation(LedgerClient.id("IND"), outside, "1.00")),
                403, "UNIT_NOT_ALLOWED");
        assertProblem(poster.post("/api/v1/expenditures", Postings.expenditure(LedgerClient.id("E"), foreign, "1.00")),
                403, "UNIT_NOT_ALLOWED");
        assertNothingWrittenSince(before);
    }

    private String unitOf(String department) {
        String unit = LedgerClient.id("U");
        assertThat(client.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", department,
                "departmentName", "部门")).status()).isEqualTo(201);
        return unit;
    }

    private void assertChainVerifiesThrough(long sequence) {
        long deadline = System.nanoTime() + CHAIN_BOUND.toNanos();
        LedgerClient.Answer verify;
        do {
            verify = client.get("/api/v1/audit/verify");
            assertThat(verify.status()).isEqualTo(200);
            assertThat(verify.body().path("valid").asBoolean()).as("%s", verify.body()).isTrue();
        } while ((verify.body().path("headSequence").asLong() < sequence || verify.body().path("pending").asLong() > 0)
                && System.nanoTime() < deadline);
        assertThat(verify.body().path("headSequence").asLong()).as("%s", verify.body()).isGreaterThanOrEqualTo(sequence);
    }

    private static JsonNode row(LedgerClient.Answer list, String keyId) {
        for (JsonNode row : list.body().path("rows")) {
            if (row.path("keyId").asText().equals(keyId)) {
                return row;
            }
        }
        throw new AssertionError("key " + keyId + " not listed: " + list.body());
    }

    private long keyCount() {
        return jdbc.queryForObject("SELECT count(*) FROM api_key", Long.class);
    }
}
