package cn.gov.ledger.api.infrastructure.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import java.util.function.UnaryOperator;

/**
 * Axon's cache over a Caffeine cache, as Axon's EhCache3Adapter is over EhCache. Entry listeners
 * are not supported: Caffeine fixes its listeners when the cache is built, and Axon's aggregate
 * repository registers none.
 */
public final class CaffeineCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;

    public CaffeineCache(com.github.benmanes.caffeine.cache.Cache<Object, Object> cache) {
        this.cache = cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) cache.getIfPresent(key);
    }

    /** A {@code null} value removes the entry, as Caffeine holds none. */
    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            cache.invalidate(key);
        } else {
            cache.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cache.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return cache.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        cache.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cache.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        cache.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("Caffeine's listeners are set when the cache is built");
    }
}
