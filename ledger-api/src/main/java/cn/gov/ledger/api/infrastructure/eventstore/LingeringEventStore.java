package cn.gov.ledger.api.infrastructure.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, handing new events to the read models' processors in batches while
 * postings stream in: its reader fetches new events at most once per {@code linger}, and a
 * processor whose batch has its first event waits up to {@code linger} for more, unless the batch
 * fills. After a quiet spell (no fetch, or no batch, within the last linger or two) neither waits:
 * a lone posting reaches the read models at once.
 *
 * <p>Why: under a steady stream of single postings the reader otherwise queried PostgreSQL after
 * every group commit, and each processor wrote each group's handful of events in a transaction of
 * their own, with its token; per event, small batches cost PostgreSQL and the service about twice
 * what large ones do. A processor that is behind (a replay, a catch-up) always finds its next event
 * at once and never waits. The price is freshness under load: a read waiting for a sequence then
 * waits up to about two lingers longer.
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

    /**
     * When the reader fetches after a commit: at once when its last fetch was a linger ago or more,
     * otherwise a linger after that fetch; commits meanwhile share the fetch already due.
     */
    static final class FetchPacer {
        private final long lingerNanos;
        private final ScheduledExecutorService timer;
        private final AtomicBoolean due = new AtomicBoolean();
        private volatile long lastFetch;

        FetchPacer(long lingerNanos, ScheduledExecutorService timer) {
            this.lingerNanos = lingerNanos;
            this.timer = timer;
            this.lastFetch = System.nanoTime() - lingerNanos;
        }

        void committed(Runnable fetch) {
            if (!due.compareAndSet(false, true)) {
                return;
            }
            long wait = lastFetch + lingerNanos - System.nanoTime();
            if (wait <= 0) {
                run(fetch);
            } else {
                timer.schedule(() -> run(fetch), wait, TimeUnit.NANOSECONDS);
            }
        }

        private void run(Runnable fetch) {
            lastFetch = System.nanoTime();
            due.set(false); // before the fetch: a commit from now on is fetched by this one or the next
            fetch.run();
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

    /**
     * Axon's tracking processor starts a batch with a timed {@code hasNextAvailable} and then takes
     * events while {@code peek} shows one; here {@code peek} waits for the next event until the
     * batch's deadline or its size. A batch lingers only in a stream of batches: one that begins
     * two lingers or more after the one before takes what is there.
     */
    static final class LingeringStream implements TrackingEventStream {
        private final TrackingEventStream delegate;
        private final long lingerNanos;
        private final int batchSize;
        private long deadline;
        private long batchBegan;
        private boolean began;
        private int taken;

        LingeringStream(TrackingEventStream delegate, long lingerNanos, int batchSize) {
            this.delegate = delegate;
            this.lingerNanos = lingerNanos;
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            boolean available = delegate.hasNextAvailable(timeout, unit);
            if (available && timeout > 0) {
                long now = System.nanoTime();
                boolean streaming = began && now - batchBegan < 2 * lingerNanos;
                deadline = streaming ? now + lingerNanos : now;
                batchBegan = now;
                began = true;
                taken = 0;
            }
            return available;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = delegate.peek();
            try {
                while (next.isEmpty() && taken < batchSize) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !delegate.hasNextAvailable((int) Math.min(left, Integer.MAX_VALUE),
                            TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    next = delegate.peek();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return next;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            taken++;
            return delegate.nextAvailable();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return delegate.setOnAvailableCallback(callback);
        }
    }
}
