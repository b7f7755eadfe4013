package cn.gov.ledger.api.posting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.security.Role;
import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The routes and access rules DirectPostingFilter takes single postings in by are those of the
 * chain behind it: the controller maps exactly PostingRoutes, and for every route, every role and
 * no key the filter takes in what Spring Security lets through to the controller, and leaves the
 * rest to it.
 */
class DirectPostingFilterRoutesTest extends LedgerIntegrationTest {

    /** Who may post, as the API promises it: written here, not read from AccessRules. */
    private static final Set<Role> POSTING_ROLES = Set.of(Role.POSTER, Role.ADMIN);

    private static final Map<Role, String> KEYS = Map.of(Role.ADMIN, LedgerClient.ADMIN_KEY,
            Role.POSTER, POSTER_KEY, Role.AUDITOR, AUDITOR_KEY, Role.VIEWER, VIEWER_KEY);

    @Autowired
    DirectPostingFilter filter;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theControllerMapsExactlyTheRoutesWithTheirBodies() {
        Map<String, Class<?>> mapped = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (mapping.getValue().getBeanType() != PostingController.class) {
                continue;
            }
            RequestMappingInfo info = mapping.getKey();
            assertThat(info.getMethodsCondition().getMethods()).as("%s", info).containsExactly(RequestMethod.POST);
            Class<?> body = Arrays.stream(mapping.getValue().getMethodParameters())
                    .filter(parameter -> parameter.hasParameterAnnotation(RequestBody.class))
                    .map(MethodParameter::getParameterType).findFirst().orElse(null);
            for (String pattern : info.getPatternValues()) {
                assertThat(mapped.put(pattern, body)).as("mapped twice: %s", pattern).isNull();
            }
        }
        Map<String, Class<?>> routes = PostingRoutes.ALL.stream()
                .collect(Collectors.toMap(PostingRoutes.Route::pattern, PostingRoutes.Route::type));
        assertThat(mapped).isEqualTo(routes);
    }

    /**
     * Each route, with each role's key and without one, through the filter and, separately, through
     * Spring Security alone: the filter answers exactly what the chain lets through to the
     * controller. The body is readable but invalid, so whoever answers it writes nothing.
     */
    @Test
    void everyRouteAndRoleIsLetThroughByTheFilterAsByTheChain() throws Exception {
        long events = eventCount();
        List<String> disagreements = new ArrayList<>();
        for (PostingRoutes.Route<?> route : PostingRoutes.ALL) {
            String path = route.pattern().replaceAll("\\{[A-Za-z]+}", "ROUTES-TEST-1");
            for (Role role : Role.values()) {
                check(path, role, KEYS.get(role), POSTING_ROLES.contains(role) ? 0 : 403, disagreements);
            }
            check(path, null, null, 401, disagreements);
        }
        assertThat(disagreements).isEmpty();
        assertThat(KEYS.keySet()).containsExactlyInAnyOrder(Role.values());
        assertThat(eventCount()).isEqualTo(events);
    }

    /** Records a disagreement of filter, chain and contract (0: let through) for one request. */
    private void check(String path, Role role, String key, int expected, List<String> disagreements)
            throws Exception {
        String request = "POST " + path + " as " + (role == null ? "no key" : role);
        int chain = throughTheChain(path, key);
        boolean taken = takenByTheFilter(path, key);
        if (chain != expected) {
            disagreements.add(request + ": the chain answered " + chain + ", not " + expected);
        }
        if (taken != (chain == 0)) {
            disagreements.add(request + ": the filter " + (taken ? "took it in" : "left it to the chain")
                    + " while the chain " + (chain == 0 ? "let it through" : "answered " + chain));
        }
    }

    /** The status Spring Security answers, or 0 when it lets the request through to the controller. */
    private int throughTheChain(String path, String key) throws Exception {
        AtomicBoolean through = new AtomicBoolean();
        MockHttpServletResponse response = new MockHttpServletResponse();
        security.doFilter(request(path, key), response, (passed, answer) -> through.set(true));
        return through.get() ? 0 : response.getStatus();
    }

    private boolean takenByTheFilter(String path, String key) throws Exception {
        AtomicBoolean passedOn = new AtomicBoolean();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request(path, key), response, (passed, answer) -> passedOn.set(true));
        if (!passedOn.get()) {
            assertThat(response.getStatus()).as("%s: %s", path, response.getContentAsString()).isIn(400, 403);
        }
        return !passedOn.get();
    }

    private static MockHttpServletRequest request(String path, String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path); // as Tomcat sets it for the DispatcherServlet at "/"
        request.setContentType("application/json");
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
