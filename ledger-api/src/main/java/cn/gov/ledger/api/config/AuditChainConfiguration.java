package cn.gov.ledger.api.config;

import cn.gov.ledger.projections.audit.ChainVerifier;
import cn.gov.ledger.projections.audit.EventChainAppender;
import cn.gov.ledger.projections.position.ProjectionPosition;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Tamper evidence: the "event-chain" processor that links every event into a hash chain, and the
 * verifier of GET /api/v1/audit/verify. The processor's settings are under
 * axon.eventhandling.processors.event-chain in application.yml.
 */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

    @Bean
    EventChainAppender eventChainAppender(JdbcTemplate jdbc) {
        return new EventChainAppender(jdbc);
    }

    /** The chain processor's position is built here, not as a bean: the balances' one is the only ProjectionPosition bean. */
    @Bean
    ChainVerifier chainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, Serializer serializer) {
        return new ChainVerifier(jdbc, transactions,
                new ProjectionPosition(jdbc, serializer, EventChainAppender.PROCESSING_GROUP));
    }
}
