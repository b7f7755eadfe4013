package cn.gov.ledger.api.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.ledger.api.web.ApiProblem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;

/** The retry of writes that lost a race: bounded attempts, growing jittered waits, then 503 BUSY. */
class RaceRetryTest {

    private static final Duration FIRST = Duration.ofMillis(10);
    private static final Duration MAX = Duration.ofMillis(50);

    /** The waits the retry asked for, recorded instead of slept. */
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final RaceRetry retry = new RaceRetry(5, FIRST, MAX, waits::add);

    @Test
    void aWriteThatLostARaceIsWrittenAgainAfterAWait() {
        String answer = retry.run(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("another node appended the indicator's next event");
            }
            return "written";
        });

        assertThat(answer).isEqualTo("written");
        assertThat(attempts).hasValue(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(FIRST.toMillis(), 2 * FIRST.toMillis());
        assertThat(waits.get(1)).isBetween(2 * FIRST.toMillis(), 4 * FIRST.toMillis());
    }

    @Test
    void aWriteThatLosesEveryAttemptIsAnsweredBusyAfterTheLast() {
        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw new DuplicateKeyException("posting_receipt_pkey");
        })).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(problem.code()).isEqualTo("BUSY");
        });

        assertThat(attempts).hasValue(5);
        assertThat(waits).hasSize(4).allSatisfy(wait -> assertThat(wait).isBetween(FIRST.toMillis(), MAX.toMillis()));
        assertThat(waits.get(3)).as("the waits stop growing at the longest").isEqualTo(MAX.toMillis());
    }

    @Test
    void aFailureThatIsNoRaceIsThrownAtOnce() {
        IllegalStateException broken = new IllegalStateException("the database is gone");

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw broken;
        })).isSameAs(broken);

        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
    }
}
