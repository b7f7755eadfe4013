package cn.gov.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The console log as application.yml sets it up: readable lines for a person at a terminal, and
 * one JSON object per line where a deployment asks for it with the environment variable that the
 * Dockerfile and docker-compose.yml set. Each case starts a context with no beans, only to have
 * Spring Boot configure the logging from application.yml and the given environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleLogFormatTest {

    private static final Logger log = LoggerFactory.getLogger(ConsoleLogFormatTest.class);
    private static final String FORMAT_VARIABLE = "LOGGING_STRUCTURED_FORMAT_CONSOLE";

    @Test
    void readableLinesByDefaultWithTheRequestsCorrelationId(CapturedOutput output) {
        String line = logLine(output, "readable-1", Map.of());

        assertThat(line).doesNotStartWith("{")
                .contains(" INFO ")
                .contains("[readable-1] ")
                .endsWith("a line to find: readable-1");
    }

    @Test
    void oneJsonObjectPerLineWhereTheDeploymentAsks(CapturedOutput output) throws Exception {
        String line = logLine(output, "json-1", Map.of(FORMAT_VARIABLE, "logstash"));

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("a line to find: json-1");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("correlationId").asText()).isEqualTo("json-1");
    }

    /** Logs one line with {@code marker} as its correlation id, and returns it as the console shows it. */
    private static String logLine(CapturedOutput output, String marker, Map<String, String> variables) {
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(NoBeans.class)
                .environment(environment(variables))
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run()) {
            MDC.put("correlationId", marker);
            try {
                log.info("a line to find: {}", marker);
            } finally {
                MDC.remove("correlationId");
            }
        }
        return output.getOut().lines().filter(line -> line.contains("a line to find: " + marker))
                .findFirst().orElseThrow(() -> new AssertionError("no line logged for " + marker + " in:\n" + output));
    }

    /** This process's environment variables, less any log format, plus {@code variables}. */
    private static StandardEnvironment environment(Map<String, String> variables) {
        Map<String, Object> all = new HashMap<>(System.getenv());
        all.remove(FORMAT_VARIABLE);
        all.putAll(variables);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, all));
        return environment;
    }

    /** The context's only source: no configuration, no component scan. */
    static class NoBeans {
    }
}
