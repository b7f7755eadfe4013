package cn.gov.ledger.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** A problem answered by a servlet filter, as {@link ProblemHandler} answers it behind Spring MVC. */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    public static void write(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                             ApiProblem problem) throws IOException {
        ProblemDetail detail = problem.toProblemDetail();
        detail.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.status() == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), detail);
    }
}
