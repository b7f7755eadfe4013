package cn.gov.ledger.api.security;

import cn.gov.ledger.api.infrastructure.postgres.NotificationListener;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The keys issued at run time, by the hash of their secret, held in memory so that a request does
 * not query the database (the posting path takes thousands a second). Every change of
 * {@code api_key} notifies channel {@code ledger_api_key} on commit (a trigger); each node listens
 * and forgets everything it holds on each notification, so a revoked key is refused on every node
 * as soon as the notification arrives, milliseconds after the revoke commits. Entries are trusted
 * only while the node is listening: until it listens again after a lost connection, every lookup
 * goes to the database. Should a connection die without an error (a half-open TCP connection), an
 * entry is still kept at most {@link #KEPT_FOR}.
 */
@Component
class IssuedKeyCache implements NotificationListener.Subscriber, DisposableBean {

    static final Duration KEPT_FOR = Duration.ofMinutes(1);
    static final String CHANNEL = "ledger_api_key";

    private final ApiKeyStore store;
    private final Cache<String, Optional<ApiKeys.Holder>> holders = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(KEPT_FOR).build();
    private final NotificationListener listener;
    /** Counts the times everything was forgotten; a lookup keeps its answer only if none came meanwhile. */
    private long generation;
    private volatile boolean listening;

    IssuedKeyCache(ApiKeyStore store, DataSource dataSource) {
        this.store = store;
        this.listener = new NotificationListener(dataSource, CHANNEL, this);
        listener.start();
    }

    /** The holder of the live key with this secret's hash; unknown secrets are remembered too (no query per retry). */
    Optional<ApiKeys.Holder> holderOf(String secretHash) {
        Optional<ApiKeys.Holder> known = holders.getIfPresent(secretHash);
        if (known != null) {
            return known;
        }
        long before;
        synchronized (this) {
            before = generation;
        }
        Optional<ApiKeys.Holder> holder = store.activeHolder(secretHash);
        synchronized (this) {
            // an answer read before a change the node has since heard of may be stale: not kept
            if (listening && generation == before) {
                holders.put(secretHash, holder);
            }
        }
        return holder;
    }

    /** Forgets every key held: after a change, and whenever listening starts or stops. */
    synchronized void forgetAll() {
        generation++;
        holders.invalidateAll();
    }

    @Override
    public void listening() {
        listening = true;
        forgetAll();
    }

    @Override
    public void notified(String payload) {
        forgetAll();
    }

    @Override
    public void lost() {
        listening = false;
        forgetAll();
    }

    @Override
    public void destroy() {
        listener.close();
    }
}
