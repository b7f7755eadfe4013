package cn.gov.ledger.api.web;

import cn.gov.ledger.api.infrastructure.eventstore.TimeOrderedIdentifiers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id}, or a new one): it
 * goes into the log lines, the response header and the metadata of the events the request writes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after DirectPostingFilter, which assigns the ids of the postings it answers
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String ATTRIBUTE = CorrelationIdFilter.class.getName();
    private static final String MDC_KEY = "correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        assign(request, response);
        try {
            chain.doFilter(request, response);
        } finally {
            release();
        }
    }

    /**
     * Gives the request its correlation id (attribute, response header and the log's MDC) and
     * answers it; {@link #release()} when the request is answered. Also used by a filter that
     * answers before this one.
     */
    public static String assign(HttpServletRequest request, HttpServletResponse response) {
        String given = request.getHeader(HEADER);
        String correlationId = given != null && SAFE.matcher(given).matches() ? given : TimeOrderedIdentifiers.uuid();
        request.setAttribute(ATTRIBUTE, correlationId);
        response.setHeader(HEADER, correlationId);
        MDC.put(MDC_KEY, correlationId);
        return correlationId;
    }

    public static void release() {
        MDC.remove(MDC_KEY);
    }

    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? TimeOrderedIdentifiers.uuid() : id.toString();
    }
}
