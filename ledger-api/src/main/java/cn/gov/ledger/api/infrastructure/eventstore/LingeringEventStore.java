package cn.gov.ledger.api.infrastructure.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, handing new events to the read models' processors in batches while
 * postings stream in: its reader fetches new events at most once per {@code linger}
 * ({@link FetchPacer}), and a processor whose batch has its first event waits up to {@code linger}
 * for more, unless the batch fills ({@link LingeringStream}). After a quiet spell neither waits: a
 * lone posting reaches the read models at once. A linger of zero turns both off.
 *
 * <p>Why: each fetch is a query, and a processor writes each batch in a transaction of its own,
 * with its token, however few events they carry; under a steady stream of postings, fewer and
 * larger batches spare PostgreSQL and the service that cost per batch. A processor
 * that is behind (a replay, a catch-up) always finds its next event at once and never waits. The
 * price is freshness under load: a read waiting for a sequence then waits up to about two lingers
 * longer.
 */
public final class LingeringEventStore extends EmbeddedEventStore {

    private final long lingerNanos;
    private final int batchSize;
    private final ScheduledExecutorService fetchTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-fetch-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final FetchPacer pacer;

    /** {@code batchSize}: a processor's batch that has this many events stops waiting. */
    public LingeringEventStore(Builder builder, Duration linger, int batchSize) {
        super(builder);
        this.lingerNanos = linger.toNanos();
        this.batchSize = batchSize;
        this.pacer = new FetchPacer(lingerNanos, fetchTimer);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (lingerNanos <= 0) {
            super.afterCommit(events);
        } else {
            pacer.committed(() -> super.afterCommit(events));
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken token) {
        TrackingEventStream stream = super.openStream(token);
        return lingerNanos <= 0 ? stream : new LingeringStream(stream, lingerNanos, batchSize);
    }

    @Override
    public void shutDown() {
        fetchTimer.shutdownNow();
        super.shutDown();
    }
}
