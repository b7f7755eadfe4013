package cn.gov.ledger.api.infrastructure.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The indicators' state kept between postings, so a posting does not replay its indicator's whole
 * history: a Caffeine cache of at most {@code capacity} indicators whose states are softly held,
 * because an indicator's state grows with its expenditures (kept for reversals), so the count alone
 * cannot bound the memory; the garbage collector drops states before the heap runs out.
 *
 * <p>Axon drops an entry when its own unit of work rolls back. A posting's unit of work commits
 * inside the posting's database transaction (PostingWriter), which can still roll back after it:
 * an entry written in a transaction is therefore also dropped unless that transaction commits, so
 * the cache never holds a state the event store does not. A node whose entry is stale because
 * another node posted to the indicator fails on the event store's unique (aggregate, sequence) key,
 * which rolls back, drops the entry and retries.
 */
public final class AggregateCache implements Cache {

    private final Cache entries;

    public AggregateCache(int capacity) {
        this.entries = new CaffeineCache(Caffeine.newBuilder().maximumSize(capacity).softValues().build());
    }

    @Override
    public <K, V> V get(K key) {
        return entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
        dropUnlessCommitted(key);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean put = entries.putIfAbsent(key, value);
        if (put) {
            dropUnlessCommitted(key);
        }
        return put;
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, update);
        dropUnlessCommitted(key);
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key);
    }

    @Override
    public void removeAll() {
        entries.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return entries.registerCacheEntryListener(listener);
    }

    /** Within a transaction, drops the entry again when the transaction ends other than committed. */
    private void dropUnlessCommitted(Object key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        entries.remove(key);
                    }
                }
            });
        }
    }
}
