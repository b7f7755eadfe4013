package cn.gov.ledger.api.infrastructure.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a processor's batch fills from {@link LingeringStream}, driven the way
 * Axon's tracking processor drives its stream: a timed {@code hasNextAvailable} for the first event,
 * then {@code peek} and {@code nextAvailable} while events show.
 */
class LingeringStreamTest {

    private final Events events = new Events();

    @Test
    void aBatchAfterAQuietSpellTakesWhatIsThereWithoutWaiting() throws Exception {
        LingeringStream stream = stream(Duration.ofSeconds(60), 3);
        events.add(1);
        events.arriveWhenWaitedFor(2);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(1));
        assertThat(stream.peek()).as("the first batch").isEmpty();
    }

    @Test
    void aBatchInAStreamOfBatchesTakesTheEventsThatArriveWhileItLingers() throws Exception {
        LingeringStream stream = streaming(Duration.ofSeconds(5), 3);
        events.add(1);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(1));

        events.arriveWhenWaitedFor(2, 3);
        assertThat(stream.peek()).isPresent();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(2));
        assertThat(stream.peek()).isPresent();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(3));
    }

    @Test
    void aBatchEndsWhenItsLingerIsOver() throws Exception {
        Duration linger = Duration.ofMillis(500);
        LingeringStream stream = streaming(linger, 500);
        events.add(1);
        long start = System.nanoTime();
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        stream.nextAvailable();

        assertThat(stream.peek()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(linger);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS) // a wait for the linger would take 60 s
    void aFullBatchAndTheNextBatchAfterItDoNotWait() throws Exception {
        LingeringStream stream = streaming(Duration.ofSeconds(60), 2);
        events.add(1);
        events.add(2);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        stream.nextAvailable();
        assertThat(stream.peek()).isPresent();
        stream.nextAvailable();
        assertThat(stream.peek()).as("the batch is full").isEmpty();

        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).as("nothing new").isFalse();
        assertThat(stream.hasNextAvailable()).isFalse();
    }

    @Test
    void aProcessorThatIsBehindTakesWhatIsThereWithoutWaiting() throws Exception {
        LingeringStream stream = streaming(Duration.ofSeconds(60), 1000);
        for (int i = 1; i <= 100; i++) {
            events.add(i);
        }
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 100; i++) {
            assertThat(stream.peek()).isPresent();
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(i));
        }
    }

    /** A stream in a stream of batches: it has just handed out a batch (event 0), so the next one lingers. */
    private LingeringStream streaming(Duration linger, int batchSize) throws Exception {
        LingeringStream stream = stream(linger, batchSize);
        events.add(0);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        stream.nextAvailable();
        assertThat(stream.peek()).isEmpty();
        return stream;
    }

    private LingeringStream stream(Duration linger, int batchSize) {
        return new LingeringStream(events, linger.toNanos(), batchSize);
    }

    private static GlobalSequenceTrackingToken token(long index) {
        return new GlobalSequenceTrackingToken(index);
    }

    /**
     * Events as the event store's stream hands them out: in order, waiting when there are none yet.
     * An event committed later arrives when the stream is waited on, so only a stream that waits
     * gets it.
     */
    private static final class Events implements TrackingEventStream {
        private final LinkedBlockingDeque<TrackedEventMessage<?>> queue = new LinkedBlockingDeque<>();
        private final ArrayDeque<Long> later = new ArrayDeque<>();

        void arriveWhenWaitedFor(long... indexes) {
            for (long index : indexes) {
                later.add(index);
            }
        }

        void add(long index) {
            queue.add(new GenericTrackedEventMessage<>(token(index), GenericEventMessage.asEventMessage("event " + index)));
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(queue.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (queue.isEmpty() && timeout > 0 && !later.isEmpty()) {
                add(later.poll());
            }
            TrackedEventMessage<?> next = queue.pollFirst(timeout, unit);
            if (next == null) {
                return false;
            }
            queue.putFirst(next);
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return queue.take();
        }

        @Override
        public void close() {
        }
    }
}
