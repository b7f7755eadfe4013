package cn.gov.ledger.api.reading;

import cn.gov.ledger.api.web.CorrelationIdFilter;
import cn.gov.ledger.api.web.ServerRequestTimer;
import cn.gov.ledger.api.security.ApiKeys;
import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.projections.balance.Dimension;
import cn.gov.ledger.projections.balance.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a dashboard's poll of execution rates with 304 Not Modified before the security filter
 * chain and Spring MVC, which would cost most of such an answer, when the request carries a valid
 * API key (every role may read) whose scope covers the read, and the ETag the controller would
 * answer now. Anything else, such as no or an unknown key, a read outside the key's scope (403), a
 * parameter the controller would refuse, a {@code minSequence} not reached yet or another ETag,
 * goes down the chain to the controller.
 *
 * <p>It runs first, before the correlation id and Spring's observation of the request, and does
 * their part itself for the answers it gives, as DirectPostingFilter does for postings, so that a
 * 304 costs no observation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotModifiedFilter extends OncePerRequestFilter {

    private static final String PATH = "/api/v1/execution-rates";

    private final ApiKeys keys;
    private final ReadConsistency consistency;
    private final ServerRequestTimer timer;
    private final LedgerCalendar calendar;
    private final ScopeCheck scopes;

    NotModifiedFilter(ApiKeys keys, ReadConsistency consistency, ServerRequestTimer timer, LedgerCalendar calendar,
                      ScopeCheck scopes) {
        this.keys = keys;
        this.consistency = consistency;
        this.timer = timer;
        this.calendar = calendar;
        this.scopes = scopes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())
                || request.getHeader("If-None-Match") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        Optional<ApiKeys.Holder> holder = keys.holderOfAuthorization(request.getHeader("Authorization"));
        String current = holder.isPresent() ? currentTag(request, holder.get()) : null;
        if (current == null || !current.equals(request.getHeader("If-None-Match"))) {
            chain.doFilter(request, response);
            return;
        }
        CorrelationIdFilter.assign(request, response);
        try {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            response.setHeader("ETag", current);
            response.setHeader("Cache-Control", "no-cache");
        } finally {
            timer.record("GET", PATH, HttpServletResponse.SC_NOT_MODIFIED, start);
            CorrelationIdFilter.release();
        }
    }

    /**
     * The controller's ETag for this request now, or null where only the controller can answer,
     * such as a read outside the key's scope (403).
     */
    private String currentTag(HttpServletRequest request, ApiKeys.Holder holder) {
        try {
            String minSequence = request.getParameter("minSequence");
            long sequence = consistency.current();
            if (minSequence != null && Long.parseLong(minSequence) > sequence) {
                return null;
            }
            String fiscalYear = request.getParameter("fiscalYear");
            String departmentCode = request.getParameter("departmentCode");
            String unitCode = request.getParameter("unitCode");
            Scope scope = ReadParameters.scope(fiscalYear == null ? null : Integer.valueOf(fiscalYear),
                    departmentCode, unitCode);
            if (!scopes.mayRead(holder, departmentCode, unitCode)) {
                return null;
            }
            String[] groupBy = request.getParameterValues("groupBy");
            List<Dimension> dimensions = ReadParameters.groupBy(groupBy == null ? null : List.of(groupBy));
            String asOfParameter = request.getParameter("asOf");
            String knownAtParameter = request.getParameter("knownAt");
            LocalDate asOf = asOfParameter == null ? null : LocalDate.parse(asOfParameter);
            Instant knownAt = knownAtParameter == null ? null : Instant.parse(knownAtParameter);
            return ExecutionRatesTag.of(sequence, scope, dimensions, asOf, knownAt,
                    calendar.progressDay(asOf, knownAt));
        } catch (RuntimeException refusedByTheController) {
            return null;
        }
    }
}
