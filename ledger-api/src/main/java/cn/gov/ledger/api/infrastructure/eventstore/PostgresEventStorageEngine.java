package cn.gov.ledger.api.infrastructure.eventstore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event storage engine on PostgreSQL, storing and reading the rows Axon does. It
 * extends Axon's engine only to reach its protected steps, and hands each to a part:
 * <ul>
 *   <li>a large unit of work's events are appended with one COPY ({@link CopyAppender});</li>
 *   <li>a processor that is behind gets its next batch read while it handles this one ({@link ReadAhead});</li>
 *   <li>each event read has its timestamp parsed once ({@link TrackedEventRows}).</li>
 * </ul>
 */
public final class PostgresEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final CopyAppender copyAppender;
    private final TrackedEventRows trackedEventRows;
    private final ReadAhead readAhead;

    /** The gap settings are given here as well, as the builder keeps them to itself. */
    public PostgresEventStorageEngine(Builder builder, TransactionManager transactionManager, EventSchema schema,
                                      Duration gapTimeout, int maxGapOffset) {
        super(builder.gapTimeout(Math.toIntExact(gapTimeout.toMillis())).maxGapOffset(maxGapOffset));
        this.transactionManager = transactionManager;
        this.copyAppender = new CopyAppender(schema);
        this.trackedEventRows = new TrackedEventRows(schema, gapTimeout, maxGapOffset);
        this.readAhead = new ReadAhead(super::fetchTrackedEvents);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!CopyAppender.takes(events)) {
            super.appendEvents(events, serializer);
            return;
        }
        byte[] rows = CopyAppender.rows(events, serializer);
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try {
                copyAppender.append(connection, rows);
            } catch (SQLException | IOException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        return trackedEventRows.read(resultSet, previousToken, this::readPayload);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return readAhead.events(lastToken, batchSize);
    }

    /** Stops reading ahead when the application context closes. */
    public void shutDown() {
        readAhead.shutDown();
    }
}
