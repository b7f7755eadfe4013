package cn.gov.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The budget execution ledger service. API keys are its only credentials (SecurityConfiguration):
 * without the exclusion Spring Boot makes a user with a random password, usable nowhere here, and
 * logs the password at every start. Excluded here rather than in application.yml, where a
 * {@code SPRING_AUTOCONFIGURE_EXCLUDE} set for another reason would replace the list.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
