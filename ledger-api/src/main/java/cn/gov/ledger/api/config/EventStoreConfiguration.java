package cn.gov.ledger.api.config;

import cn.gov.ledger.api.infrastructure.eventstore.LingeringEventStore;
import cn.gov.ledger.api.infrastructure.eventstore.PostgresEventStorageEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event store on PostgreSQL: the storage engine built as Axon's JdbcAutoConfiguration
 * builds it (which then steps back), as a {@link PostgresEventStorageEngine}, with its gap handling
 * from {@code ledger.event-store.*}: how long the processors wait for an event whose global index
 * was taken but whose transaction has not committed yet. An event committed after they stopped
 * waiting is skipped (AxonFramework issues 4829, 2958); the read models' reconciliation
 * (DriftRepairer) finds and repairs that. In front of it, the embedded event store that
 * hands new events to the processors in batches ({@link LingeringEventStore}).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /**
     * How the engine recognizes a duplicate (aggregate, sequence) key: a concurrent append to the
     * same indicator on another node, which PostingWriter retries (RaceRetry). Axon's default for JDBC
     * (JdbcSQLErrorCodesResolver) looks for SQLIntegrityConstraintViolationException, which the
     * PostgreSQL driver never throws; PostgreSQL's SQL state for a unique violation is 23505.
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationOnPostgres() {
        return new SQLStateResolver("23505");
    }

    @Bean(destroyMethod = "shutDown")
    PostgresEventStorageEngine postgresEventStorageEngine(Serializer defaultSerializer,
                                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                                          org.axonframework.config.Configuration configuration,
                                                          ConnectionProvider connectionProvider,
                                                          TransactionManager transactionManager,
                                                          EventSchema eventSchema,
                                                          LedgerProperties properties) {
        LedgerProperties.EventStore store = properties.eventStore();
        return new PostgresEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .gapCleaningThreshold(store.gapCleaningThreshold())
                .batchSize(store.batchSize()), transactionManager, eventSchema, store.gapTimeout(),
                store.maxGapOffset());
    }

    /**
     * Axon's embedded event store (the bean Axon's auto-configuration would make otherwise), with
     * new events handed to the processors in batches that wait
     * {@code ledger.event-store.processor-linger} to fill, up to the smallest batch size of the
     * processors.
     */
    @Bean(name = "eventBus")
    LingeringEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                   LedgerProperties properties, EventProcessorProperties processors) {
        int batchSize = processors.getProcessors().values().stream()
                .mapToInt(EventProcessorProperties.ProcessorSettings::getBatchSize).min().orElse(1);
        return new LingeringEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)),
                properties.eventStore().processorLinger(), batchSize);
    }
}
