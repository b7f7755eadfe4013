package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.web.ApiProblem;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.classify.BinaryExceptionClassifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

/**
 * Retries a write that lost a race with another node or transaction on the same row: an
 * indicator's next event (ConcurrencyException, when this node's cached state was stale), a new
 * indicator's id, or a posting id. The waits between attempts grow exponentially with jitter, so
 * nodes racing on one indicator drift apart; a write that loses every attempt is answered 503 BUSY,
 * which the caller may send again. Any other failure is not a race and is not retried.
 */
final class RaceRetry {

    private static final BinaryExceptionClassifier RACES = new BinaryExceptionClassifier(List.of(
            ConflictingModificationException.class, ConcurrencyException.class,
            AggregateStreamCreationException.class, DuplicateKeyException.class,
            PessimisticLockingFailureException.class));

    private final RetryTemplate template = new RetryTemplate();

    RaceRetry(int attempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
        ExponentialRandomBackOffPolicy backOff = new ExponentialRandomBackOffPolicy();
        backOff.setInitialInterval(firstBackoff.toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(maxBackoff.toMillis());
        backOff.setSleeper(sleeper);
        template.setBackOffPolicy(backOff);
        template.setRetryPolicy(new SimpleRetryPolicy(attempts, RACES));
    }

    static RaceRetry of(LedgerProperties.Posting settings) {
        return new RaceRetry(settings.retries(), settings.retryBackoff(), settings.retryMaxBackoff(),
                new ThreadWaitSleeper());
    }

    <T> T run(Supplier<T> write) {
        try {
            return template.execute(context -> write.get());
        } catch (RuntimeException e) {
            if (RACES.classify(e)) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "BUSY",
                        "the posting kept conflicting with concurrent postings; retry it");
            }
            throw e;
        }
    }
}
