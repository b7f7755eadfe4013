package cn.gov.ledger.api.infrastructure.eventstore;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

/**
 * A processor's event stream whose batches wait for more events while events stream in. Axon's
 * tracking processor starts a batch with a timed {@code hasNextAvailable} and then takes events
 * while {@code peek} shows one; here {@code peek} waits for the next event until the batch's
 * deadline or its size. A batch lingers only in a stream of batches: one that begins two lingers or
 * more after the one before takes what is there.
 */
final class LingeringStream implements TrackingEventStream {

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
