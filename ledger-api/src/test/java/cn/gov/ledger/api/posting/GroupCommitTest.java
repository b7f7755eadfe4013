package cn.gov.ledger.api.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.ledger.api.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    private final CountDownLatch firstGroupStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstGroup = new CountDownLatch(1);

    @Test
    void postingsThatArriveWhileAGroupIsWrittenFormTheNextGroup() throws Exception {
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 1, 100,
                holdingFirstGroup(items -> items.stream().map(i -> "ok " + i).toList()))) {
            List<Future<String>> answers = submitWhileFirstGroupIsHeld(commit, 5);

            for (int i = 0; i <= 5; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("ok " + i);
            }
            assertThat(groups).hasSize(2);
            assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        }
    }

    @Test
    void aGroupThatFailsIsWrittenAgainOnePostingAtATimeSoOnlyTheFailingOneFails() throws Exception {
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 1, 100, holdingFirstGroup(items -> {
            if (items.contains(3)) {
                throw new IllegalStateException("posting 3 cannot be written");
            }
            return items.stream().map(i -> "ok " + i).toList();
        }))) {
            List<Future<String>> answers = submitWhileFirstGroupIsHeld(commit, 4);

            assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("ok 0");
            assertThat(answers.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("ok 1");
            assertThat(answers.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("ok 2");
            assertThatThrownBy(() -> answers.get(3).get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IllegalStateException.class);
            assertThat(answers.get(4).get(10, TimeUnit.SECONDS)).isEqualTo("ok 4");
            assertThat(groups).contains(List.of(1), List.of(2), List.of(3), List.of(4));
        }
    }

    @Test
    void postingsAfterTheServiceStopsAreAnsweredBusy() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>("test", 1, 100,
                items -> items.stream().map(String::valueOf).toList());
        assertThat(commit.submit(7)).isEqualTo("7");
        commit.close();
        assertThatThrownBy(() -> commit.submit(8))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.code()).isEqualTo("BUSY"));
    }

    /** The writer, recording every group; its first group waits until the test releases it. */
    private Function<List<Integer>, List<String>> holdingFirstGroup(Function<List<Integer>, List<String>> writer) {
        return items -> {
            groups.add(items);
            if (groups.size() == 1) {
                firstGroupStarted.countDown();
                await(releaseFirstGroup);
            }
            return writer.apply(items);
        };
    }

    /** Posts 0, then 1 to {@code more} while 0's group is being written, then lets that group finish. */
    private List<Future<String>> submitWhileFirstGroupIsHeld(GroupCommit<Integer, String> commit, int more)
            throws InterruptedException {
        List<Future<String>> answers = new ArrayList<>();
        answers.add(clients.submit(() -> commit.submit(0)));
        assertThat(firstGroupStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= more; i++) {
            int item = i;
            answers.add(clients.submit(() -> commit.submit(item)));
        }
        awaitQueued(commit, more);
        releaseFirstGroup.countDown();
        return answers;
    }

    /** Waits, within a bound, until the writer's queue holds {@code count} postings. */
    private static void awaitQueued(GroupCommit<?, ?> commit, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commit.waiting() < count) {
            assertThat(System.nanoTime()).as("postings queued in time").isLessThan(deadline);
            Thread.yield();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
