package cn.gov.ledger.api.infrastructure.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event storage engine (appending as CopyAppendingEventStorageEngine) that reads the next
 * batch of events while a processor handles this one, when the processor is behind (a replay, or
 * catching up after a load): a full batch means more are waiting. Without it the processor's
 * thread waited for each read; a replay is a pipeline of read, handle and write, and the read is a
 * fifth of it.
 *
 * <p>A batch read ahead is the answer the engine would have given at that moment; an event that
 * commits later with a lower index is a gap in its token, fetched afterwards as any gap is. A batch
 * nobody asks for (the processor stopped or was reset) is dropped when too many wait.
 *
 * <p>Each event read has its timestamp parsed once ({@link ParsedTimestampEntry}).
 */
public final class ReadAheadEventStorageEngine extends CopyAppendingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(ReadAheadEventStorageEngine.class);

    /** Batches read ahead and not asked for yet, at most: one per processor behind is the norm. */
    private static final int MAX_WAITING = 4;

    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<ReadFrom, Future<List<? extends TrackedEventData<?>>>> ahead = new ConcurrentHashMap<>();

    private final EventSchema schema;
    private final Duration gapTimeout;
    private final int maxGapOffset;

    /** The gap settings are the builder's, which keeps them to itself. */
    public ReadAheadEventStorageEngine(Builder builder, TransactionManager transactionManager, EventSchema schema,
                                Duration gapTimeout, int maxGapOffset) {
        super(builder.gapTimeout(Math.toIntExact(gapTimeout.toMillis())).maxGapOffset(maxGapOffset),
                transactionManager, schema);
        this.schema = schema;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
    }

    /** Axon's own, but with an entry that parses its timestamp once (Axon's parses it on every use). */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        ParsedTimestampEntry<?> event = new ParsedTimestampEntry<>(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                resultSet.getString(schema.timestampColumn()), resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
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

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        Future<List<? extends TrackedEventData<?>>> readAhead =
                lastToken == null ? null : ahead.remove(new ReadFrom(lastToken, batchSize));
        List<? extends TrackedEventData<?>> batch = readAhead != null ? collect(readAhead, lastToken, batchSize)
                : super.fetchTrackedEvents(lastToken, batchSize);
        if (batch.size() >= batchSize && !reader.isShutdown()) {
            TrackingToken next = batch.get(batch.size() - 1).trackingToken();
            if (ahead.size() >= MAX_WAITING) {
                ahead.values().forEach(waiting -> waiting.cancel(false));
                ahead.clear();
            }
            ahead.put(new ReadFrom(next, batchSize), reader.submit(() -> super.fetchTrackedEvents(next, batchSize)));
        }
        return batch;
    }

    /** The batch read ahead; if that read failed, read again here, where a failure reaches the processor. */
    private List<? extends TrackedEventData<?>> collect(Future<List<? extends TrackedEventData<?>>> readAhead,
                                                        TrackingToken lastToken, int batchSize) {
        try {
            return readAhead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return super.fetchTrackedEvents(lastToken, batchSize);
        } catch (ExecutionException e) {
            log.debug("reading ahead failed; reading again", e.getCause());
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
    }

    /** Stops reading ahead when the application context closes. */
    void shutDown() {
        reader.shutdownNow();
    }

    private record ReadFrom(TrackingToken token, int batchSize) {
    }
}
