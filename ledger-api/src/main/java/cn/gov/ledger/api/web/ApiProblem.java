package cn.gov.ledger.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the service refuses, answered as RFC 9457 problem details with a stable {@code code}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiProblem(HttpStatus status, String code, String detail, Map<String, ?> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = new LinkedHashMap<>(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** The problem as one result of a batch carries it: status, code, detail and any further properties. */
    public Map<String, Object> toMap() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("code", code);
        body.put("detail", getMessage());
        body.putAll(properties);
        return body;
    }

    /** What the caller learns of a failure of the service's own. */
    public static ApiProblem internalError() {
        return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "the service failed; nothing was written");
    }

    public static ApiProblem validation(Map<String, String> fieldErrors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                "the request has invalid fields: " + String.join(", ", fieldErrors.keySet()),
                Map.of("errors", fieldErrors.entrySet().stream()
                        .map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList()));
    }
}
