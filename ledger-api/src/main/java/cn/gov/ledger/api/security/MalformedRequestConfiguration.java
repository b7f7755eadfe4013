package cn.gov.ledger.api.security;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.ProblemResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests refused for their form rather than their content: a path that is not plain
 * ({@code //}, {@code /./}, {@code /../}, {@code ;} parameters, an encoded {@code /}, {@code \} or
 * {@code .}), a method no endpoint knows, a header that is not printable. Spring Security's
 * firewall (StrictHttpFirewall, its defaults) refuses them before any authentication; they are
 * answered 400 {@code MALFORMED_REQUEST}, whichever key they carry.
 */
@Configuration(proxyBeanMethods = false)
public class MalformedRequestConfiguration {

    public static final String CODE = "MALFORMED_REQUEST";
    private static final Logger log = LoggerFactory.getLogger(MalformedRequestConfiguration.class);

    /**
     * Answers the firewall's refusal as a problem here: left to Spring Security's default, it
     * became an error dispatch to {@code /error}, which the chain then refused for want of a key.
     */
    @Bean
    RequestRejectedHandler malformedRequests(ObjectMapper json) {
        return (request, response, rejected) -> {
            log.debug("Refused a malformed request: {}", rejected.getMessage());
            ProblemResponse.write(json, request, response, new ApiProblem(HttpStatus.BAD_REQUEST, CODE,
                    "the request's path, method or headers are not in a form the service accepts: "
                            + "no empty, '.' or '..' segments, ';' parameters or encoded '/', '\\' or '.'"));
        };
    }

    /**
     * Tomcat refuses a path with an encoded {@code /} or {@code \} ({@code %2F}, {@code %5C}) itself,
     * with an HTML page; passed through as they are, the firewall refuses them as it refuses the others.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesToTheFirewall() {
        String passThrough = EncodedSolidusHandling.PASS_THROUGH.getValue();
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling(passThrough);
            connector.setEncodedReverseSolidusHandling(passThrough);
        });
    }
}
