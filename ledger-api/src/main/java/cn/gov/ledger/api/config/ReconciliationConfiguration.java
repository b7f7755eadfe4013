package cn.gov.ledger.api.config;

import cn.gov.ledger.projections.balance.BalanceProjection;
import cn.gov.ledger.projections.reconciliation.ReadModelReconciliation;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The comparison of the read models with the event store, and the schedule it runs on
 * ({@code ledger.reconciliation.interval}, see ReadModelReconciler).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ReconciliationConfiguration {

    @Bean
    ReadModelReconciliation readModelReconciliation(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                                    Serializer serializer) {
        return new ReadModelReconciliation(jdbc, transactions, serializer, BalanceProjection.PROCESSING_GROUP);
    }
}
