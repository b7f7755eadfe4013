package cn.gov.ledger.api.infrastructure.eventstore;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When the event store's reader fetches after a commit: at once when its last fetch was a linger
 * ago or more, otherwise a linger after that fetch; commits meanwhile share the fetch already due.
 */
final class FetchPacer {

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
