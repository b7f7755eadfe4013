package cn.gov.ledger.api.home;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /}, open without a key (AccessRules): what the service is and where to go next. The
 * API docs are listed where springdoc serves them; they, like the API, need a key.
 */
@RestController
@Hidden
public class RootController {

    private final Map<String, Object> answer;

    public RootController(Environment environment) {
        Map<String, Object> links = new LinkedHashMap<>();
        if (environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true)
                && environment.getProperty("springdoc.api-docs.enabled", Boolean.class, true)) {
            links.put("apiDocs", environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html"));
        }
        if (environment.getProperty("springdoc.api-docs.enabled", Boolean.class, true)) {
            links.put("openApi", environment.getProperty("springdoc.api-docs.path", "/v3/api-docs"));
        }
        links.put("health", "/actuator/health");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("service", environment.getProperty("spring.application.name", "budget-ledger"));
        root.put("authentication",
                "every endpoint but this one and health, the docs included, needs 'Authorization: Bearer <api key>'");
        root.put("links", links);
        this.answer = Collections.unmodifiableMap(root);
    }

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> root() {
        return answer;
    }
}
