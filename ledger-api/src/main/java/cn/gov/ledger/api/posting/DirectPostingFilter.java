package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.security.AccessRules;
import cn.gov.ledger.api.security.ApiKeys;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.BodySizeLimitFilter;
import cn.gov.ledger.api.web.CorrelationIdFilter;
import cn.gov.ledger.api.web.ProblemResponse;
import cn.gov.ledger.api.web.ServerRequestTimer;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes single postings in before Spring Security's filter chain and Spring MVC, for speed (see
 * docs/performance.md): the routes of PostingRoutes, the key and role check of AccessRules, the
 * same JSON, the same PostingService, the same answers and headers. Everything else goes down the
 * chain, where the controller answers it: no or an unknown key, a role that may not post, another
 * content type or {@code Accept}, a body that is not a readable posting (its problem is the
 * controller's to word), and a path that is not plain (percent-encoded, or anything Spring
 * Security's firewall or MVC's matching might read otherwise).
 *
 * <p>It runs first: a posting it answers gets its correlation id and body size limit as the filters
 * after it would give them, and is timed in {@code http.server.requests} by ServerRequestTimer rather
 * than by Spring's observation, which it skips for the same reason.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectPostingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DirectPostingFilter.class);

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
    private final Map<PostingRoutes.Route<?>, ObjectReader> readers;

    DirectPostingFilter(ApiKeys keys, PostingService postings, BodySizeLimitFilter bodySizeLimit,
                        ServerRequestTimer timer, ObjectMapper json) {
        this.keys = keys;
        this.postings = postings;
        this.bodySizeLimit = bodySizeLimit;
        this.timer = timer;
        this.json = json;
        this.resultWriter = json.writerFor(PostingResult.class);
        this.readers = PostingRoutes.ALL.stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), route -> json.readerFor(route.type())));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || PostingRoutes.plainMatch(request.getRequestURI()).isEmpty()
                || !isJson(request.getContentType()) || !acceptsJson(request.getHeader("Accept"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        ApiKeys.Holder holder = keys.holderOfAuthorization(request.getHeader("Authorization"))
                .filter(h -> AccessRules.allows(request, h.role())).orElse(null);
        if (holder == null || request.getContentLengthLong() > bodySizeLimit.limit()) {
            chain.doFilter(request, response);
            return;
        }
        PostingRoutes.Match match = PostingRoutes.plainMatch(request.getRequestURI()).orElseThrow();
        String pattern = match.route().pattern();
        byte[] body;
        try {
            body = bodySizeLimit.limited(request).getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            answer(request, response, pattern, start, correlationId -> BodySizeLimitFilter.tooLarge(tooLarge));
            return;
        }
        PostingRequest posting;
        try {
            posting = body.length == 0 ? null : readers.get(match.route()).readValue(body);
        } catch (IOException unreadable) {
            posting = null;
        }
        if (posting == null) {
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        PostingRequest readable = match.route().bind(posting, match.pathId());
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
