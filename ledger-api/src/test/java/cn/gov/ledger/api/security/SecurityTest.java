package cn.gov.ledger.api.security;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Who may call what: API keys, roles and the units of POSTER keys (configured for all
 * integration tests in LedgerIntegrationTest, so they share one server).
 */
class SecurityTest extends LedgerIntegrationTest {

    private static final String POSTER = LedgerIntegrationTest.POSTER_KEY;
    private static final String VIEWER = LedgerIntegrationTest.VIEWER_KEY;
    private static final String AUDITOR = LedgerIntegrationTest.AUDITOR_KEY;

    @Test
    void withoutAValidKeyOnlyHealthAndTheRootAnswer() {
        LedgerClient anonymous = new LedgerClient(port, null);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/").status()).isEqualTo(200);
        for (String path : new String[] {"/api/v1/units", "/v3/api-docs", "/actuator/prometheus",
                "/api/v1/balances?fiscalYear=2024&unitCode=X"}) {
            LedgerClient.Answer answer = anonymous.get(path);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(new LedgerClient(port, "wrong-key-0123456789abcdef").get("/api/v1/units").status()).isEqualTo(401);
        long events = eventCount();
        assertThat(anonymous.post("/api/v1/expenditures", expenditure("E-anon", "IND-x", "1.00")).status())
                .isEqualTo(401);
        assertThat(eventCount()).isEqualTo(events);
    }

    /**
     * Spring Security applies AccessRules as listed, whatever else SecurityConfiguration says: for a
     * request each rule matches first, and one no rule matches, every role's key and no key are let
     * through or refused (401 without a key, 403 for a role the rule leaves out) as the table says.
     */
    @Test
    void theChainAppliesEveryAccessRule(@Autowired @Qualifier("springSecurityFilterChain") Filter chain)
            throws Exception {
        Map<Role, String> keys = Map.of(Role.ADMIN, LedgerClient.ADMIN_KEY, Role.POSTER, POSTER,
                Role.VIEWER, VIEWER, Role.AUDITOR, AUDITOR);
        List<MockHttpServletRequest> requests = new ArrayList<>();
        for (AccessRules.Rule rule : AccessRules.rules()) {
            String method = rule.method() == null ? "DELETE" : rule.method().name();
            requests.add(new MockHttpServletRequest(method, rule.pattern().replace("/**", "/x")));
        }
        requests.add(new MockHttpServletRequest("PATCH", "/api/v1/x"));
        List<String> disagreements = new ArrayList<>();
        for (MockHttpServletRequest request : requests) {
            String what = request.getMethod() + " " + request.getRequestURI();
            int anonymous = throughTheChain(chain, request, null);
            boolean open = AccessRules.rules().stream().filter(rule -> rule.matcher().matches(request))
                    .findFirst().map(AccessRules.Rule::open).orElse(false);
            if (anonymous != (open ? 0 : 401)) {
                disagreements.add(what + " without a key: " + anonymous);
            }
            for (Role role : Role.values()) {
                int answer = throughTheChain(chain, request, keys.get(role));
                if (answer != (AccessRules.allows(request, role) ? 0 : 403)) {
                    disagreements.add(what + " as " + role + ": " + answer);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** The status Spring Security answers the request with the key, or 0 when it lets it through. */
    private static int throughTheChain(Filter chain, MockHttpServletRequest template, String key) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(template.getMethod(), template.getRequestURI());
        request.setServletPath(template.getRequestURI()); // as Tomcat sets it for the DispatcherServlet at "/"
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean through = new AtomicBoolean();
        chain.doFilter(request, response, (passed, answered) -> through.set(true));
        return through.get() ? 0 : response.getStatus();
    }

    /** No user with a generated password beside the keys (Spring Boot would make one and log its password). */
    @Test
    void apiKeysAreTheOnlyCredentials(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    }

    @Test
    void aPosterPostsToItsUnitsOnlyAndIsNamedInTheAuditTrail() {
        LedgerClient poster = posterOfUnitABesideUnitB();
        String own = LedgerClient.id("IND");
        LedgerClient.Answer created = poster.post("/api/v1/indicators", appropriation(own, "SEC-UNIT-A", "100.00"));
        assertThat(created.status()).isEqualTo(201);

        long events = eventCount();
        LedgerClient.Answer foreign = poster.post("/api/v1/indicators",
                appropriation(LedgerClient.id("IND"), "SEC-UNIT-B", "100.00"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.code()).isEqualTo("UNIT_NOT_ALLOWED");
        String other = newIndicator("SEC-UNIT-B", "100.00"); // by the admin
        events = eventCount();
        LedgerClient.Answer spendForeign = poster.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("E"), other, "1.00"));
        assertThat(spendForeign.status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(events);

        assertThat(poster.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), own, "1.00")).status())
                .isEqualTo(201);
        assertThat(poster.put("/api/v1/units/SEC-UNIT-A", Map.of("name", "x", "departmentCode", "D",
                "departmentName", "y")).status()).isEqualTo(403);
        assertThat(poster.get("/api/v1/audit/events?indicatorId=" + own).status()).isEqualTo(403);

        LedgerClient.Answer trail = client.get("/api/v1/audit/events?indicatorId=" + own);
        assertThat(trail.body().path("rows").get(0).path("postedBy").asText()).isEqualTo("finance-system-a");
    }

    /**
     * The units of indicators are remembered between postings (IndicatorUnits), but only units read
     * from committed rows: neither an indicator's absence nor the unit of an appropriation that
     * rolled back. Such an indicator is free to be appropriated in another unit, and belongs to it.
     */
    @Test
    void anIndicatorWhoseAppropriationRolledBackBelongsToTheUnitThatAppropriatesItLater() {
        LedgerClient poster = posterOfUnitABesideUnitB();
        String indicator = LedgerClient.id("IND");
        Map<String, Object> first = new LinkedHashMap<>(appropriation(indicator, "SEC-UNIT-A", "100.00"));
        first.put("type", "APPROPRIATION");
        Map<String, Object> tooMuch = new LinkedHashMap<>(expenditure(LedgerClient.id("E"), indicator, "500.00"));
        tooMuch.put("type", "EXPENDITURE");
        LedgerClient.Answer refused = poster.post("/api/v1/postings:batch",
                Map.of("atomic", true, "postings", List.of(first, tooMuch)));
        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(eventCount(indicator)).isZero();

        assertThat(client.post("/api/v1/indicators", appropriation(indicator, "SEC-UNIT-B", "100.00")).status())
                .isEqualTo(201);
        LedgerClient.Answer spend = poster.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), indicator, "1.00"));
        assertThat(spend.status()).isEqualTo(403);
        assertThat(spend.code()).isEqualTo("UNIT_NOT_ALLOWED");
        assertThat(client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), indicator, "1.00")).status())
                .isEqualTo(201);
    }

    /**
     * Concurrent single postings are written in groups (GroupCommit), which mix keys: each posting
     * is still authorized for its own key's units and its receipt names its own key.
     */
    @Test
    void postingsOfDifferentKeysWrittenTogetherAreEachAuthorizedAndNamedOnTheirOwn() throws Exception {
        registerUnit("SEC-UNIT-A");
        registerUnit("SEC-UNIT-B");
        String own = newIndicator("SEC-UNIT-A", "100000.00");
        String foreign = newIndicator("SEC-UNIT-B", "100000.00");
        LedgerClient poster = new LedgerClient(port, POSTER);
        record Attempt(String expenditureId, boolean byPoster, String indicator) {
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(new Attempt(LedgerClient.id("E"), true, own));
            attempts.add(new Attempt(LedgerClient.id("E"), true, foreign));
            attempts.add(new Attempt(LedgerClient.id("E"), false, foreign));
        }
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Future<LedgerClient.Answer>> answers = new ArrayList<>();
        try {
            for (Attempt attempt : attempts) {
                answers.add(pool.submit(() -> (attempt.byPoster() ? poster : client).post("/api/v1/expenditures",
                        expenditure(attempt.expenditureId(), attempt.indicator(), "1.00"))));
            }
            for (int i = 0; i < attempts.size(); i++) {
                Attempt attempt = attempts.get(i);
                LedgerClient.Answer answer = answers.get(i).get(60, TimeUnit.SECONDS);
                boolean allowed = !attempt.byPoster() || attempt.indicator().equals(own);
                assertThat(answer.status()).as("%s", attempt).isEqualTo(allowed ? 201 : 403);
                List<String> postedBy = jdbc.queryForList("SELECT posted_by FROM posting_receipt"
                        + " WHERE posting_type = 'EXPENDITURE' AND posting_id = ?", String.class, attempt.expenditureId());
                if (!allowed) {
                    assertThat(postedBy).as("%s", attempt).isEmpty();
                } else if (attempt.byPoster()) {
                    assertThat(postedBy).as("%s", attempt).containsExactly("finance-system-a");
                } else {
                    assertThat(postedBy).as("%s", attempt).hasSize(1).doesNotContain("finance-system-a");
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Registers SEC-UNIT-A, the POSTER key's unit, and SEC-UNIT-B, not its; answers a client with that key. */
    private LedgerClient posterOfUnitABesideUnitB() {
        registerUnit("SEC-UNIT-A");
        registerUnit("SEC-UNIT-B");
        return new LedgerClient(port, POSTER);
    }

    @Test
    void viewersReadAndAuditorsAlsoAudit() {
        registerUnit("SEC-UNIT-C");
        String indicator = newIndicator("SEC-UNIT-C", "100.00");
        LedgerClient viewer = new LedgerClient(port, VIEWER);
        assertThat(viewer.get("/api/v1/balances?fiscalYear=2024&unitCode=SEC-UNIT-C").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/audit/events?indicatorId=" + indicator).status()).isEqualTo(403);
        LedgerClient.Answer viewerPost = viewer.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("E"), indicator, "1.00"));
        assertThat(viewerPost.status()).isEqualTo(403);
        assertThat(viewerPost.code()).isEqualTo("FORBIDDEN");

        LedgerClient auditor = new LedgerClient(port, AUDITOR);
        assertThat(auditor.get("/api/v1/audit/events?indicatorId=" + indicator).status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/audit/indicators/" + indicator + "/replay").status()).isEqualTo(200);
        assertThat(auditor.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", "SEC-UNIT-C")).status())
                .isEqualTo(403);
    }

    private void registerUnit(String unit) {
        assertThat(client.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", "SEC-D",
                "departmentName", "部门")).status()).isIn(200, 201);
    }
}
