package cn.gov.ledger.api.infrastructure.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the event store's reader fetches after commits ({@link FetchPacer}). */
class FetchPacerTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger fetches = new AtomicInteger();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aCommitAfterAQuietSpellIsFetchedAtOnceAndTheCommitsRightAfterItShareOneFetchALingerLater() {
        FetchPacer pacer = new FetchPacer(Duration.ofSeconds(60).toNanos(), timer);

        pacer.committed(fetches::incrementAndGet);
        assertThat(fetches).as("fetched on the committing thread").hasValue(1);

        pacer.committed(fetches::incrementAndGet);
        pacer.committed(fetches::incrementAndGet);
        assertThat(fetches).hasValue(1);
        assertThat(timer.getQueue()).as("one fetch due for both").hasSize(1);
        assertThat(((ScheduledFuture<?>) timer.getQueue().peek()).getDelay(TimeUnit.SECONDS)).isBetween(50L, 60L);
    }

    @Test
    void inAStreamOfCommitsEachFetchComesALingerAfterTheLast() {
        FetchPacer pacer = new FetchPacer(Duration.ofSeconds(2).toNanos(), timer);
        pacer.committed(fetches::incrementAndGet);
        pacer.committed(fetches::incrementAndGet);
        assertThat(fetches).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).untilAtomic(fetches, equalTo(2));

        pacer.committed(fetches::incrementAndGet);
        assertThat(fetches).as("within a linger of the fetch before").hasValue(2);
        await().atMost(Duration.ofSeconds(10)).untilAtomic(fetches, equalTo(3));
    }
}
