package cn.gov.ledger.api.infrastructure.axon;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The indicators' state kept between postings, so a posting does not replay its indicator's whole
 * history. At most {@code capacity} indicators, least recently used dropped first, each held by a
 * soft reference: an indicator's state grows with its expenditures (for reversals), so the count
 * alone cannot bound the memory, and the garbage collector drops states before the heap runs out
 * (at -Xmx512m and 10^6 expenditures over 10^4 indicators, strong entries filled the old
 * generation and the service spent its time in full collections).
 *
 * <p>Axon drops an entry when its own unit of work rolls back. A posting's unit of work commits
 * inside the posting's database transaction (PostingService), which can still roll back after it:
 * an entry written in a transaction is therefore also dropped unless that transaction commits, so
 * the cache never holds a state the event store does not. A node whose entry is stale because
 * another node posted to the indicator fails on the event store's unique (aggregate, sequence) key,
 * which rolls back, drops the entry and retries.
 */
public final class AggregateCache implements Cache {

    private final Map<Object, SoftReference<Object>> entries;

    public AggregateCache(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, SoftReference<Object>> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        SoftReference<Object> reference = entries.get(key);
        Object value = reference == null ? null : reference.get();
        if (reference != null && value == null) {
            entries.remove(key);
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (this) {
            entries.put(key, new SoftReference<>(value));
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        remove(key);
                    }
                }
            });
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("the aggregate cache has no listeners");
    }
}
