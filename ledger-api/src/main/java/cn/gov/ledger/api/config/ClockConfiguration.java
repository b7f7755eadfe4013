package cn.gov.ledger.api.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock of the ledger, in its time zone ({@code ledger.time-zone}), not the JVM's. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock ledgerClock(LedgerProperties properties) {
        return Clock.system(properties.timeZone());
    }
}
