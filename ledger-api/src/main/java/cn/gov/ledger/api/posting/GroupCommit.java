package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Group commit: postings sent one per request are written by writer threads (one by default),
 * each taking every posting that waits (up to a group size) into one transaction. A lone posting
 * is written at once; under load, the postings that arrive while a group commits form the next
 * group, so the fixed cost of a transaction, its unit of work and its commit is shared
 * (docs/performance.md). The caller's thread waits for its own result.
 *
 * <p>The writer ({@link PostingWriter#writeEach}) answers one result per item, in order, and
 * refuses items as results, not by throwing. When it throws anyway (a database failure, an
 * unexpected error of one command), the group's transaction has rolled back and each item is
 * written again on its own, so one failing posting does not fail the others that happened to
 * share its group.
 */
final class GroupCommit<T, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Waiting<T, R>(T item, CompletableFuture<R> result) {
    }

    private final BlockingQueue<Waiting<T, R>> queue = new LinkedBlockingQueue<>();
    private final Function<List<T>, List<R>> writer;
    private final int maxGroup;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    GroupCommit(String name, int writers, int maxGroup, Function<List<T>, List<R>> writer) {
        this.writer = writer;
        this.maxGroup = maxGroup;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::run, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Writes the item in the next group and waits for its result. */
    R submit(T item) {
        if (closed) {
            throw shuttingDown();
        }
        Waiting<T, R> waiting = new Waiting<>(item, new CompletableFuture<>());
        queue.add(waiting);
        if (closed && queue.remove(waiting)) {
            throw shuttingDown();
        }
        try {
            return waiting.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "interrupted while the posting was written");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Postings waiting for a writer. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        List<Waiting<T, R>> group = new ArrayList<>(maxGroup);
        while (!closed) {
            try {
                group.add(queue.take());
                queue.drainTo(group, maxGroup - 1);
                write(group);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                log.error("A group of {} postings failed outside its transaction", group.size(), e);
                group.forEach(waiting -> waiting.result().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Waiting<T, R>> group) {
        try {
            List<R> results = writer.apply(group.stream().map(Waiting::item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(e);
                return;
            }
            for (Waiting<T, R> waiting : group) {
                write(List.of(waiting));
            }
        }
    }

    /**
     * Stops the writers once their groups are written (the web server has stopped taking requests
     * by then); postings still waiting are answered 503 BUSY, which the caller retries.
     */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        List<Waiting<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(waiting -> waiting.result().completeExceptionally(shuttingDown()));
    }

    private static ApiProblem shuttingDown() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "the service is stopping; retry the posting");
    }
}
