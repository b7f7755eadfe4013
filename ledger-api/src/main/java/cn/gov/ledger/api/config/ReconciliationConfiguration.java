package cn.gov.ledger.api.config;

import cn.gov.ledger.projections.balance.BalanceProjection;
import cn.gov.ledger.projections.reconciliation.DriftDetector;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The comparison of the read models with the event store, and the schedule it runs on
 * ({@code ledger.reconciliation.interval}, see DriftRepairer).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ReconciliationConfiguration {

    @Bean
    DriftDetector driftDetector(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                                    Serializer serializer) {
        return new DriftDetector(jdbc, transactions, serializer, BalanceProjection.PROCESSING_GROUP);
    }
}
