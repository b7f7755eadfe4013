package cn.gov.ledger.api.infrastructure.eventstore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a processor's next batch of events while it handles this one, when the processor is behind
 * (a replay, or catching up after a load): a full batch means more are waiting, and a processor
 * that is behind is a pipeline of read, handle and write whose thread would otherwise wait for
 * each read.
 *
 * <p>A batch read ahead is the answer the store would have given at that moment; an event that
 * commits later with a lower index is a gap in its token, fetched afterwards as any gap is. A batch
 * nobody asks for (the processor stopped or was reset) is dropped when too many wait.
 */
final class ReadAhead {

    /** One read of the store: the events after {@code lastToken}, at most {@code batchSize}. */
    @FunctionalInterface
    interface Read {
        List<? extends TrackedEventData<?>> events(TrackingToken lastToken, int batchSize);
    }

    private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);

    /** Batches read ahead and not asked for yet, at most: one per processor behind is the norm. */
    private static final int MAX_WAITING = 4;

    private final Read read;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<ReadFrom, Future<List<? extends TrackedEventData<?>>>> ahead = new ConcurrentHashMap<>();

    ReadAhead(Read read) {
        this.read = read;
    }

    /** The batch after {@code lastToken}: the one read ahead if there is one; a full batch starts the next read. */
    List<? extends TrackedEventData<?>> events(TrackingToken lastToken, int batchSize) {
        Future<List<? extends TrackedEventData<?>>> readAhead =
                lastToken == null ? null : ahead.remove(new ReadFrom(lastToken, batchSize));
        List<? extends TrackedEventData<?>> batch = readAhead != null ? collect(readAhead, lastToken, batchSize)
                : read.events(lastToken, batchSize);
        if (batch.size() >= batchSize && !reader.isShutdown()) {
            TrackingToken next = batch.get(batch.size() - 1).trackingToken();
            if (ahead.size() >= MAX_WAITING) {
                ahead.values().forEach(waiting -> waiting.cancel(false));
                ahead.clear();
            }
            ahead.put(new ReadFrom(next, batchSize), reader.submit(() -> read.events(next, batchSize)));
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
            return read.events(lastToken, batchSize);
        } catch (ExecutionException e) {
            log.debug("reading ahead failed; reading again", e.getCause());
            return read.events(lastToken, batchSize);
        }
    }

    void shutDown() {
        reader.shutdownNow();
    }

    private record ReadFrom(TrackingToken token, int batchSize) {
    }
}
