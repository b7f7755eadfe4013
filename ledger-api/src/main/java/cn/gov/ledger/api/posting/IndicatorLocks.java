package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.HttpStatus;

/**
 * Serializes postings on the same indicator within this node, from before their transaction
 * starts until after it commits. Without it, concurrent postings on one indicator would race on
 * the event store's unique (aggregate, sequence) key and be retried; with it they queue. Across
 * nodes the unique key and the retry (RaceRetry) still keep budget control exact.
 */
final class IndicatorLocks {

    private final ReentrantLock[] stripes;

    IndicatorLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the stripes of these indicators in a fixed order (no deadlock between postings). */
    Held lock(Collection<String> indicatorIds, Duration timeout) {
        TreeSet<Integer> indexes = new TreeSet<>();
        indicatorIds.forEach(id -> indexes.add(Math.floorMod(id.hashCode(), stripes.length)));
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (int index : indexes) {
                ReentrantLock lock = stripes[index];
                if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "BUSY",
                            "the indicator is busy with other postings; retry later");
                }
                held.add(lock);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held.forEach(ReentrantLock::unlock);
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "interrupted while waiting for the indicator");
        } catch (RuntimeException e) {
            held.forEach(ReentrantLock::unlock);
            throw e;
        }
        return () -> held.forEach(ReentrantLock::unlock);
    }

    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
