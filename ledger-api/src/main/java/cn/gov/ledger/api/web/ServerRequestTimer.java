package cn.gov.ledger.api.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Times a request answered before Spring's observation filter (DirectPostingFilter) in the meter
 * the observation would have used, {@code http.server.requests}, with the same tags: an observation
 * started and stopped per request is a large part of a single posting's cost, a timer looked up
 * once per endpoint and status a small one (docs/performance.md).
 */
@Component
public class ServerRequestTimer {

    private final MeterRegistry meters;
    private final String name;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public ServerRequestTimer(MeterRegistry meters,
                              @Value("${management.observations.http.server.requests.name:http.server.requests}")
                              String name) {
        this.meters = meters;
        this.name = name;
    }

    /** Records a request to {@code uri} (the endpoint's pattern) answered with {@code status}, begun at {@code startNanos}. */
    public void record(String method, String uri, int status, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        timers.computeIfAbsent(method + ' ' + status + ' ' + uri, key -> Timer.builder(name)
                        .tags("method", method, "uri", uri, "status", Integer.toString(status),
                                "outcome", outcome(status), "exception", "none", "error", "none")
                        .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** As Spring's convention names a status's class. */
    private static String outcome(int status) {
        HttpStatus.Series series = HttpStatus.Series.resolve(status);
        return series == null ? "UNKNOWN" : switch (series) {
            case INFORMATIONAL -> "INFORMATIONAL";
            case SUCCESSFUL -> "SUCCESS";
            case REDIRECTION -> "REDIRECTION";
            case CLIENT_ERROR -> "CLIENT_ERROR";
            case SERVER_ERROR -> "SERVER_ERROR";
        };
    }
}
