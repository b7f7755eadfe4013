package cn.gov.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The bench's quick mode end to end against the packaged service (ledger-api/target/ledger-api.jar,
 * built earlier in the reactor): it must run every figure and count every acknowledged posting
 * exactly once, in the event store and in the read model, before and after the rebuild. Timings
 * are printed, never asserted.
 */
class BenchQuickModeTest {

    @Test
    void quickModeRunsEveryFigureAndCountsEveryAcknowledgedPostingOnce() throws Exception {
        BenchOptions options = new BenchOptions().quick();
        options.resolvePaths();
        options.workDir = options.workDir.resolveSibling("bench-quick");
        options.resultsDir = options.workDir.resolve("results");
        options.commandLine = "--quick";
        assertThat(Files.isRegularFile(options.jar))
                .as("%s must exist: package ledger-api first (./mvnw -B -DskipTests package, or the whole"
                        + " ./mvnw verify, which packages ledger-api before this module's tests)", options.jar)
                .isTrue();

        Bench.Outcome outcome = new Bench(options).run();
        System.out.println(outcome.report().markdown());

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.correct()).isTrue();
        Verifier.Check check = outcome.beforeRebuild();
        assertThat(check.acknowledged()).as("acknowledged postings").isGreaterThan(options.postings / 2);
        assertThat(check.written()).isEqualTo(check.acknowledged() + check.unknownWritten());
        assertThat(outcome.report().rows).extracting(Report.Row::figure)
                .anyMatch(f -> f.startsWith("1. single postings/s"))
                .anyMatch(f -> f.startsWith("2. hot indicator postings/s"))
                .anyMatch(f -> f.startsWith("3. batch postings/s"))
                .anyMatch(f -> f.startsWith("4. final-accounts"))
                .anyMatch(f -> f.startsWith("5. rebuild"))
                .anyMatch(f -> f.startsWith("6. heap"));
        // the baselines ran before and after the service's round, and count by their median
        assertThat(row(outcome, "1. single postings/s").baseline()).contains("median of 2 rounds");
        assertThat(row(outcome, "3. batch postings/s").baseline()).contains("median of 2 rounds");
        // the execution-rates target is held against computed answers, the cached ones beside it
        assertThat(row(outcome, "4. execution-rates groupBy=unit, computed").target()).isEqualTo("p50 ≤ 20 ms");
        assertThat(row(outcome, "4. execution-rates groupBy=unit, cached (the same question").target()).isEqualTo("–");
        assertThat(outcome.file()).exists();
        assertThat(outcome.file().getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}-\\d{4}-quick(-\\d+)?\\.md");
    }

    private static Report.Row row(Bench.Outcome outcome, String prefix) {
        return outcome.report().rows.stream().filter(r -> r.figure().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + prefix));
    }
}
