package cn.gov.ledger.api.infrastructure.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * A row of the event table read by a processor, as Axon's JDBC engine reads it (the same entry,
 * the same gap-aware token), but whose timestamp is parsed once ({@link ParsedTimestampEntry}).
 * The gap settings are the engine builder's, which keeps them to itself.
 */
final class TrackedEventRows {

    /** How the engine reads a serialized column (payload or metadata) in its storage type. */
    @FunctionalInterface
    interface SerializedColumn {
        Object read(ResultSet resultSet, String column) throws SQLException;
    }

    private final EventSchema schema;
    private final Duration gapTimeout;
    private final int maxGapOffset;

    TrackedEventRows(EventSchema schema, Duration gapTimeout, int maxGapOffset) {
        this.schema = schema;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
    }

    TrackedEventData<?> read(ResultSet resultSet, GapAwareTrackingToken previousToken, SerializedColumn serialized)
            throws SQLException {
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        ParsedTimestampEntry<?> event = new ParsedTimestampEntry<>(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                resultSet.getString(schema.timestampColumn()), resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                serialized.read(resultSet, schema.payloadColumn()), serialized.read(resultSet, schema.metaDataColumn()));
        // a missing index younger than the gap timeout may still commit: keep it as a gap
        Instant gapTimeoutFrame = GenericEventMessage.clock.instant().minus(gapTimeout);
        boolean allowGaps = event.getTimestamp().isAfter(gapTimeoutFrame);
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(globalIndex, allowGaps
                        ? gapsBelow(globalIndex) : Collections.emptySortedSet())
                : previousToken.advanceTo(globalIndex, allowGaps ? maxGapOffset : 0);
        return new TrackedDomainEventData<>(token, event);
    }

    /** Every index below the first event read, as Axon counts from its lowest global sequence, 1. */
    private static TreeSet<Long> gapsBelow(long globalIndex) {
        TreeSet<Long> gaps = new TreeSet<>();
        for (long index = Math.min(1, globalIndex); index < globalIndex; index++) {
            gaps.add(index);
        }
        return gaps;
    }
}
