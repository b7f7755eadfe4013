package cn.gov.ledger.api.security;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.access.ApiKeyIssued;
import cn.gov.ledger.core.access.ApiKeyRevoked;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues and revokes the keys of {@code api_key}. Each change is written with its event
 * (ApiKeyIssued, ApiKeyRevoked) in one transaction: the row and the event, which puts the change
 * in the audit trail and the hash chain, exist together or not at all. The events are appended as
 * the events of a small stream per key ({@value #STREAM_TYPE}, identifier {@code api-key@<keyId>}:
 * '@' is in no indicator id), issue at sequence 0 and revoke at 1, through Axon's event store in
 * the database transaction, as the posting path appends its events.
 */
@Component
class ApiKeyIssuance {

    /** What the API answers once, and never again: the secret. */
    record Issued(ApiKeyStore.StoredKey key, String secret) {
    }

    static final String STREAM_TYPE = "ApiKey";
    /** Secrets start with it, so that a leaked one is recognised (secret scanners, logs). */
    static final String SECRET_PREFIX = "ledger_";

    private final ApiKeyStore store;
    private final ApiKeys configured;
    private final IssuedKeyCache cache;
    private final EventStore events;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();

    ApiKeyIssuance(ApiKeyStore store, ApiKeys configured, IssuedKeyCache cache, EventStore events,
                   PlatformTransactionManager transactions) {
        this.store = store;
        this.configured = configured;
        this.cache = cache;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Issues a key; refused with 409 when its name is taken, by a key of the configuration or one issued before. */
    Issued issue(String name, Role role, KeyScope scope, String issuedBy, String correlationId) {
        UUID keyId = UUID.randomUUID();
        String secret = newSecret();
        if (configured.configuresName(name)) {
            throw nameTaken(name);
        }
        try {
            transaction.executeWithoutResult(status -> {
                store.insert(keyId, name, role, scope, ApiKeys.hash(secret), issuedBy);
                append(keyId, 0, new ApiKeyIssued(keyId.toString(), name, role.name(), scope.sortedDepartments(),
                        scope.sortedUnits(), issuedBy), issuedBy, correlationId);
            });
        } catch (DuplicateKeyException e) {
            throw nameTaken(name);
        }
        return new Issued(store.find(keyId).orElseThrow(), secret);
    }

    List<ApiKeyStore.StoredKey> all() {
        return store.all();
    }

    /** Revokes the key (once; revoking a revoked key changes nothing); false when there is no such key. */
    boolean revoke(UUID keyId, String revokedBy, String correlationId) {
        Boolean known = transaction.execute(status -> {
            if (store.revoke(keyId, revokedBy)) {
                append(keyId, 1, new ApiKeyRevoked(keyId.toString(), revokedBy), revokedBy, correlationId);
                return true;
            }
            return store.find(keyId).isPresent();
        });
        // this node refuses the key from now on; the others when the trigger's notification reaches them
        cache.forgetAll();
        return Boolean.TRUE.equals(known);
    }

    private static ApiProblem nameTaken(String name) {
        return new ApiProblem(HttpStatus.CONFLICT, "API_KEY_NAME_TAKEN",
                "another key is named " + name + ": the audit trail names each key's postings by it");
    }

    private void append(UUID keyId, long sequence, Object event, String by, String correlationId) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            events.publish(new GenericDomainEventMessage<>(STREAM_TYPE, "api-key@" + keyId, sequence, event,
                    MetaData.from(Map.of(AxonConfiguration.POSTED_BY, by, AxonConfiguration.CORRELATION_ID, correlationId))));
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }

    /**
     * 256 random bits. Stored as their SHA-256 only: a secret this long cannot be found from its
     * hash by trying guesses, so the slow, salted hashes passwords need would add nothing but a cost
     * on every request.
     */
    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
