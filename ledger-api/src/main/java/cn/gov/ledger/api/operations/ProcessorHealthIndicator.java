package cn.gov.ledger.api.operations;

import cn.gov.ledger.projections.balance.BalanceProjection;
import cn.gov.ledger.projections.position.ProjectionPosition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read models' processor: running or not, and how many events it lags behind the event
 * store ({@code lag}). A lag is normal for a moment after a write; an error state is not. Also how
 * far the tamper-evidence chain has come ({@code chainedSequence}, {@code chainLag}): under a stream
 * of batches it falls behind (it hashes every event) and catches up once the stream ends.
 */
@Component("processors")
public class ProcessorHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final ProjectionPosition position;
    private final JdbcTemplate jdbc;

    public ProcessorHealthIndicator(EventProcessingConfiguration processing, ProjectionPosition position,
                                    JdbcTemplate jdbc) {
        this.processing = processing;
        this.position = position;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        Long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        Long chained = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM event_chain", Long.class);
        long reached = Math.max(0, position.current().orElse(0));
        Health.Builder health = processing.eventProcessor(BalanceProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(p -> p.isError() ? Health.down().withDetail("error", true)
                        : p.isRunning() ? Health.up() : Health.down().withDetail("running", false))
                .orElseGet(() -> Health.down().withDetail("processor", "missing"));
        return health.withDetail("processor", BalanceProjection.PROCESSING_GROUP)
                .withDetail("headSequence", head)
                .withDetail("processedSequence", reached)
                .withDetail("lag", Math.max(0, head - reached))
                .withDetail("chainedSequence", chained)
                .withDetail("chainLag", Math.max(0, head - chained))
                .build();
    }
}
