package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.BodySizeLimitFilter;
import cn.gov.ledger.api.web.CorrelationIdFilter;
import cn.gov.ledger.api.web.ServerRequestTimer;
import cn.gov.ledger.api.posting.PostingRequest.Adjustment;
import cn.gov.ledger.api.posting.PostingRequest.Appropriation;
import cn.gov.ledger.api.posting.PostingRequest.CarryForwardRequest;
import cn.gov.ledger.api.posting.PostingRequest.Expenditure;
import cn.gov.ledger.api.posting.PostingRequest.Income;
import cn.gov.ledger.api.posting.PostingRequest.Reversal;
import cn.gov.ledger.api.posting.PostingRequest.Transfer;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.ProblemResponse;
import cn.gov.ledger.api.security.ApiKeys;
import cn.gov.ledger.api.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes single postings in before Spring Security's filter chain and Spring MVC, which cost about
 * a third of such a posting's request thread (measured with {@code MODE=single bench/ab.sh}): the
 * same key and role check, the same JSON, the same PostingService, the same answers and headers.
 * Everything else goes down the chain, where the controller answers as before: no or an unknown
 * key, a role that may not post, another content type or {@code Accept}, a body that is not a
 * readable posting (its problem is the controller's to word), and a path whose id is not plain
 * (percent-encoded, or anything Spring Security's firewall or MVC's matching might read otherwise).
 *
 * <p>It runs first: a posting it answers gets its correlation id and body size limit as the filters
 * after it would give them, and is timed in {@code http.server.requests} by ServerRequestTimer rather
 * than by Spring's observation, which cost about a sixth of the request thread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectPostingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DirectPostingFilter.class);

    private static final Pattern TEMPLATED =
            Pattern.compile("/api/v1/(indicators|expenditures)/([A-Za-z0-9._~-]+)/([a-z-]+)");

    /** How to read an endpoint's body, and put the path's id into it (null where the path has none). */
    private record Route(ObjectReader reader, BiFunction<PostingRequest, String, PostingRequest> withPathId) {
    }

    /** The headers Spring Security writes on every answer of the chain. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0",
            "X-Frame-Options", "DENY");

    private final ApiKeys keys;
    private final PostingService postings;
    private final BodySizeLimitFilter bodySizeLimit;
    private final ServerRequestTimer timer;
    private final ObjectMapper json;
    private final ObjectWriter resultWriter;
    private final Map<String, Route> routes;

    DirectPostingFilter(ApiKeys keys, PostingService postings, BodySizeLimitFilter bodySizeLimit,
                        ServerRequestTimer timer, ObjectMapper json) {
        this.keys = keys;
        this.postings = postings;
        this.bodySizeLimit = bodySizeLimit;
        this.timer = timer;
        this.json = json;
        this.resultWriter = json.writerFor(PostingResult.class);
        this.routes = Map.of(
                "/api/v1/expenditures", new Route(json.readerFor(Expenditure.class), null),
                "/api/v1/indicators", new Route(json.readerFor(Appropriation.class), null),
                "/api/v1/transfers", new Route(json.readerFor(Transfer.class), null),
                "/api/v1/indicators/{indicatorId}/adjustments", new Route(json.readerFor(Adjustment.class),
                        (body, id) -> ((Adjustment) body).forIndicator(id)),
                "/api/v1/indicators/{indicatorId}/incomes", new Route(json.readerFor(Income.class),
                        (body, id) -> ((Income) body).forIndicator(id)),
                "/api/v1/indicators/{indicatorId}/carry-forward", new Route(json.readerFor(CarryForwardRequest.class),
                        (body, id) -> ((CarryForwardRequest) body).forIndicator(id)),
                "/api/v1/expenditures/{expenditureId}/reversals", new Route(json.readerFor(Reversal.class),
                        (body, id) -> ((Reversal) body).ofExpenditure(id)));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || pattern(request.getRequestURI()) == null
                || !isJson(request.getContentType()) || !acceptsJson(request.getHeader("Accept"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        ApiKeys.Holder holder = keys.holderOfAuthorization(request.getHeader("Authorization"))
                .filter(h -> h.role() == Role.POSTER || h.role() == Role.ADMIN).orElse(null);
        if (holder == null || request.getContentLengthLong() > bodySizeLimit.limit()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI();
        String pattern = pattern(path);
        byte[] body;
        try {
            body = bodySizeLimit.limited(request).getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            answer(request, response, pattern, start, correlationId -> BodySizeLimitFilter.tooLarge(tooLarge));
            return;
        }
        Route route = routes.get(pattern);
        PostingRequest posting;
        try {
            posting = body.length == 0 ? null : route.reader().readValue(body);
        } catch (IOException unreadable) {
            posting = null;
        }
        if (posting != null && route.withPathId() != null) {
            Matcher templated = TEMPLATED.matcher(path);
            posting = templated.matches() ? route.withPathId().apply(posting, templated.group(2)) : null;
        }
        if (posting == null) {
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        PostingRequest readable = posting;
        answer(request, response, pattern, start, correlationId -> {
            PostingService.Outcome outcome = postings.post(readable, Caller.of(holder, correlationId));
            response.setStatus(outcome.status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            resultWriter.writeValue(response.getOutputStream(), outcome.result());
            return null;
        });
    }

    /** What answers a posting: nothing when it wrote the answer, or the problem to answer. */
    @FunctionalInterface
    private interface Answering {
        ApiProblem answer(String correlationId) throws IOException;
    }

    /**
     * Answers the request as the filters after this one would: with its correlation id, Spring
     * Security's headers, a problem for a refusal or an unexpected error, and its time recorded.
     */
    private void answer(HttpServletRequest request, HttpServletResponse response, String pattern, long start,
                        Answering answering) throws IOException {
        String correlationId = CorrelationIdFilter.assign(request, response);
        try {
            SECURITY_HEADERS.forEach(response::setHeader);
            ApiProblem problem;
            try {
                problem = answering.answer(correlationId);
            } catch (ApiProblem refused) {
                problem = refused;
            } catch (RuntimeException unexpected) {
                log.error("Unexpected error", unexpected);
                problem = ApiProblem.internalError();
            }
            if (problem != null) {
                ProblemResponse.write(json, request, response, problem);
            }
            timer.record(request.getMethod(), pattern, response.getStatus(), start);
        } finally {
            CorrelationIdFilter.release();
        }
    }

    /**
     * The endpoint's pattern as the controller maps it, or null: a templated path's id must be plain
     * ASCII letters, digits and {@code ._~-}, not a dot segment, so that it reads the same here as in MVC.
     */
    private String pattern(String path) {
        if (routes.containsKey(path) && !path.contains("{")) {
            return path;
        }
        Matcher templated = TEMPLATED.matcher(path);
        if (!templated.matches() || templated.group(2).matches("\\.+")) {
            return null;
        }
        String variable = templated.group(1).equals("indicators") ? "{indicatorId}" : "{expenditureId}";
        String pattern = "/api/v1/" + templated.group(1) + "/" + variable + "/" + templated.group(3);
        return routes.containsKey(pattern) ? pattern : null;
    }

    private static boolean isJson(String contentType) {
        if (MediaType.APPLICATION_JSON_VALUE.equals(contentType)) {
            return true; // as finance systems send it, without parsing
        }
        try {
            return contentType != null && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(
                    MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /**
     * No {@code Accept}, or one that takes JSON: the answers the controller would give (its problems
     * are application/problem+json whatever the {@code Accept}).
     */
    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.equals(MediaType.APPLICATION_JSON_VALUE) || accept.equals(MediaType.ALL_VALUE)) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.includes(MediaType.APPLICATION_JSON));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /** The request with its body, already read here, to be read again down the chain. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }
}
