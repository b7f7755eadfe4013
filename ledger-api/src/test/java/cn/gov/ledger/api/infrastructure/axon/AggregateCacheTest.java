package cn.gov.ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The aggregate cache keeps only what a committed transaction wrote, and at most its capacity. */
class AggregateCacheTest {

    private final AggregateCache cache = new AggregateCache(100);

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void anEntryWrittenInATransactionThatRollsBackIsDropped() {
        cache.put("kept", "before");
        inTransaction(TransactionSynchronization.STATUS_ROLLED_BACK, () -> {
            cache.put("written", "state");
            cache.put("kept", "changed");
            assertThat(cache.<String, String>get("written")).isEqualTo("state");
        });
        assertThat(cache.containsKey("written")).isFalse();
        assertThat(cache.containsKey("kept")).as("a state the store may not hold").isFalse();
    }

    @Test
    void anEntryWrittenInATransactionThatCommitsOrOutsideAnyStays() {
        cache.put("outside", "state");
        inTransaction(TransactionSynchronization.STATUS_COMMITTED, () -> {
            cache.put("written", "state");
            assertThat(cache.putIfAbsent("written", "other")).isFalse();
        });
        assertThat(cache.<String, String>get("written")).isEqualTo("state");
        assertThat(cache.<String, String>get("outside")).isEqualTo("state");
    }

    @Test
    void anEntryOfUnknownOutcomeIsDropped() {
        inTransaction(TransactionSynchronization.STATUS_UNKNOWN, () -> cache.putIfAbsent("written", "state"));
        assertThat(cache.containsKey("written")).isFalse();
    }

    @Test
    void itHoldsAtMostItsCapacity() {
        IntStream.range(0, 1_000).forEach(i -> cache.put("indicator-" + i, "state"));
        await().atMost(Duration.ofSeconds(10)).until(() -> IntStream.range(0, 1_000)
                .filter(i -> cache.containsKey("indicator-" + i)).count() <= 100);
    }

    private static void inTransaction(int outcome, Runnable work) {
        TransactionSynchronizationManager.initSynchronization();
        work.run();
        TransactionSynchronizationManager.getSynchronizations().forEach(sync -> sync.afterCompletion(outcome));
        TransactionSynchronizationManager.clearSynchronization();
    }
}
