package cn.gov.ledger.api.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.web.BodySizeLimitFilter;
import cn.gov.ledger.api.web.ServerRequestTimer;
import cn.gov.ledger.api.security.ApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A posting that fails unexpectedly on the direct path (here: the database is gone) is answered as
 * ProblemHandler answers it behind the chain: 500 INTERNAL_ERROR as a problem, with the caller's
 * correlation id, and timed as a server error. The failure is injected into PostingService, as a
 * running service cannot be made to fail on cue between two requests.
 */
class DirectPostingFilterFailureTest {

    private static final String KEY = "failure-test-key-0123456789";

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final LedgerProperties properties = new Binder(new MapConfigurationPropertySource(
            Map.of("ledger.security.admin-api-key", KEY))).bindOrCreate("ledger", LedgerProperties.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void answersAnUnexpectedFailureAsTheChainWould() throws Exception {
        PostingService postings = mock(PostingService.class);
        when(postings.post(any(), any())).thenThrow(new CannotGetJdbcConnectionException("the database is down"));
        DirectPostingFilter filter = new DirectPostingFilter(new ApiKeys(properties), postings,
                new BodySizeLimitFilter(properties, json), new ServerRequestTimer(meters, "http.server.requests"), json);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/expenditures");
        request.setContentType("application/json");
        request.addHeader("Authorization", "Bearer " + KEY);
        request.addHeader("X-Correlation-Id", "month-end-7");
        request.setContent("""
                {"expenditureId": "E-1", "indicatorId": "I-1", "amount": "1.00", "economicCode": "30201",
                 "effectiveDate": "2024-03-05", "voucherNo": "V-1"}""".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("answered by the filter, not down the chain").isNull();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsByteArray());
        assertThat(problem.path("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/expenditures");
        assertThat(problem.toString()).doesNotContain("database is down");
        assertThat(response.getHeader("X-Correlation-Id")).isEqualTo("month-end-7");
        assertThat(meters.get("http.server.requests").tag("uri", "/api/v1/expenditures").tag("status", "500")
                .tag("outcome", "SERVER_ERROR").timer().count()).isEqualTo(1);
    }
}
