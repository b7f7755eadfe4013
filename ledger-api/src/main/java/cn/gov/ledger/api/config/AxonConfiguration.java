package cn.gov.ledger.api.config;

import cn.gov.ledger.api.infrastructure.axon.AggregateCache;
import cn.gov.ledger.api.infrastructure.axon.CachedCommandTargetResolver;
import cn.gov.ledger.core.classification.ClassificationList;
import cn.gov.ledger.core.indicator.BudgetIndicator;
import cn.gov.ledger.core.indicator.BudgetTransfers;
import cn.gov.ledger.core.indicator.ExpenditureMoves;
import cn.gov.ledger.core.indicator.YearEndCarryForward;
import cn.gov.ledger.core.indicator.YearLock;
import cn.gov.ledger.core.unit.BudgetUnit;
import cn.gov.ledger.core.yearend.YearClose;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL through its JDBC storage engine: the event store, token store and the
 * BudgetIndicator aggregate, with snake_case tables created by Flyway (V1__event_store.sql).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The metadata every posting carries onto its events (see CommandDispatch). */
    public static final String POSTED_BY = "postedBy";
    public static final String POSTING_ID = "postingId";
    public static final String CORRELATION_ID = "correlationId";

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The aggregate, and the two-indicator commands that load it through its repository. Registered
     * on Axon's configurer rather than as Spring beans, because the repository exists only once
     * Axon's configuration is built. The aggregate's state is cached between postings (AggregateCache),
     * and where a command's target identifier is, per command class (CachedCommandTargetResolver).
     * Beside them the loaded code lists, one ClassificationList per fiscal year and kind, and the
     * closes of fiscal years, one YearClose per department's or unit's year.
     */
    @Bean
    ConfigurerModule budgetIndicators(LedgerProperties properties, YearLock years) {
        AggregateCache cache = new AggregateCache(properties.posting().cachedIndicators());
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(BudgetIndicator.class)
                        .configureCache(c -> cache)
                        .configureCommandTargetResolver(c -> new CachedCommandTargetResolver()))
                .registerCommandHandler(c -> new BudgetTransfers(c.repository(BudgetIndicator.class),
                        properties.transfers().allowAcrossKinds()))
                .registerCommandHandler(c -> new YearEndCarryForward(c.repository(BudgetIndicator.class)))
                .registerCommandHandler(c -> new ExpenditureMoves(c.repository(BudgetIndicator.class), c.eventStore(), years))
                .configureAggregate(ClassificationList.class)
                .configureAggregate(YearClose.class);
    }

    /** The budget unit (reference data with history), loaded from its few events on each command. */
    @Bean
    ConfigurerModule budgetUnits() {
        return configurer -> configurer.configureAggregate(BudgetUnit.class);
    }

    /**
     * A read model that fails on an event must stop and retry that batch, not log and go on: Axon's
     * default error handler would skip the event, and on PostgreSQL the aborted transaction would
     * lose the rest of the batch with it.
     */
    @Bean
    ConfigurerModule readModelsStopOnErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * Events, tokens and messages as JSON of their fields only. Jackson's default would also
     * write every public {@code isX()}/{@code getX()} (Money's {@code zero}, {@code negative}, ...)
     * into the event store, where derived values do not belong.
     */
    @Bean
    @Primary
    Serializer serializer() {
        ObjectMapper fieldsOnly = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .build();
        return JacksonSerializer.builder().objectMapper(fieldsOnly).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Copies who posted, the caller's id and the correlation id from each command onto its events.
     * Only from commands: Axon asks for correlation data for every message created while one is
     * handled, also for each handler result of the event processors, where reading an event's
     * metadata would deserialize it for nothing, as the read models send no messages.
     */
    @Bean
    CorrelationDataProvider postingMetadata() {
        CorrelationDataProvider fromCommand = new SimpleCorrelationDataProvider(POSTED_BY, POSTING_ID, CORRELATION_ID);
        return message -> message instanceof CommandMessage<?> ? fromCommand.correlationDataFor(message) : Map.of();
    }
}
