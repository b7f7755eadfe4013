package cn.gov.ledger.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Figure 1: single postings over REST, spread over the write indicators, in rounds between
 * rounds of the raw JDBC baseline; pgbench beside them.
 */
final class SinglePostings {

    private static final int WARM_UP_WINDOW = 20;

    private final BenchOptions o;
    private final Report report;
    private final Service service;
    private final Workload w;
    private final Progress progress;

    SinglePostings(BenchOptions o, Report report, Service service, Workload workload, Progress progress) {
        this.o = o;
        this.report = report;
        this.service = service;
        this.w = workload;
        this.progress = progress;
    }

    /** Runs figure 1 and returns its rounds as one: figure 2's baseline. */
    ClosedLoop.Result run() throws Exception {
        if (o.warmupSeconds > 0) {
            warmUp();
        }
        Series rawSeries = new Series("raw", "j" + w.run + "-", k -> w.writeIndicator(k % o.writeIndicators),
                Series.daily());
        List<ClosedLoop.Result> rawRounds = new ArrayList<>();
        List<ClosedLoop.Result> restRounds = new ArrayList<>();
        rawRounds.add(rawInserts(rawSeries, 1));
        long clientCpu = 0;
        double catchUp = 0;
        for (int round = 1; round <= o.rounds; round++) {
            long cpu = ownCpuNanos();
            ClosedLoop.Result rest = postings("single round " + round, roundSeconds(o.seconds), w.single);
            clientCpu += ownCpuNanos() - cpu;
            restRounds.add(rest);
            progress.step(String.format(Locale.ROOT, "   round %d, REST: %.0f postings/s; waiting for the read models",
                    round, rest.perSecond()));
            long t = System.nanoTime();
            service.awaitQuiet();
            catchUp = Math.max(catchUp, (System.nanoTime() - t) / 1e9);
            rawRounds.add(rawInserts(rawSeries, round + 1));
        }
        progress.step("   baseline: pgbench");
        Baselines.PgBench pgbench = Baselines.pgbench(service.db, o.clients, Duration.ofSeconds(o.baselineSeconds),
                o.workDir);
        Baselines.dropTable(service.db);

        ClosedLoop.Result rest = ClosedLoop.Result.combined("single", restRounds);
        ClosedLoop.Result raw = ClosedLoop.Result.combined("raw-jdbc", rawRounds);
        Rounds rawRates = new Rounds(rawRounds.stream().map(ClosedLoop.Result::perSecond).toList());
        double baseline = rawRates.median();
        report.target("1. single postings/s (REST, " + o.clients + " clients, " + o.writeIndicators + " indicators)",
                Report.rate(rest.perSecond(), "/s"), rawRates.describe("/s raw JDBC inserts"),
                Report.percent(rest.perSecond(), baseline), "≥ 50 % of raw JDBC",
                100 * rest.perSecond() / baseline, 50, true, "% of the baseline");
        report.info("1. single postings p50 latency", Report.ms(rest.ms(50)), Report.ms(raw.ms(50)) + " raw JDBC",
                Report.times(rest.ms(50), raw.ms(50)));
        report.target("1. single postings p99 latency", Report.ms(rest.ms(99)), Report.ms(raw.ms(99)) + " raw JDBC",
                Report.times(rest.ms(99), raw.ms(99)), "≤ 50 ms", rest.ms(99), 50, false, "ms");
        report.info("1. single postings p99.9 latency", Report.ms(rest.ms(99.9)), Report.ms(raw.ms(99.9)) + " raw JDBC",
                Report.times(rest.ms(99.9), raw.ms(99.9)));
        if (pgbench != null) {
            report.info("1. single postings/s against pgbench", Report.rate(rest.perSecond(), "/s"),
                    Double.isNaN(pgbench.tps()) ? "pgbench failed" : Report.rate(pgbench.tps(), "tps pgbench")
                            + String.format(Locale.ROOT, " (avg %.2f ms)", pgbench.latencyAverageMs()),
                    Report.percent(rest.perSecond(), pgbench.tps()));
            if (Double.isNaN(pgbench.tps())) {
                report.details.add("pgbench output: " + pgbench.output().replace('\n', ' '));
            }
        } else {
            report.details.add("pgbench is not installed: its baseline row is left out");
        }
        restRounds.forEach(r -> report.details.add(r.describe()));
        rawRounds.forEach(r -> report.details.add(r.describe()));
        report.details.add(String.format(Locale.ROOT, "single postings in %d round(s): %s postings/s; the read model and"
                        + " the chain caught up at most %.1f s after a round's last answer; the bench's own CPU during the rounds"
                        + " %.1f s (%.0f µs per posting)", o.rounds,
                restRounds.stream().map(r -> Report.num(r.perSecond())).collect(Collectors.joining(", ")), catchUp,
                clientCpu / 1e9, clientCpu / 1e3 / Math.max(1, rest.ok())));
        return rest;
    }

    private ClosedLoop.Result postings(String name, int seconds, Series series) throws Exception {
        return ExpenditureClients.run(service.http, o.clients, name, seconds, series);
    }

    /** One round of the raw JDBC baseline on an empty table, once the service has nothing left to do. */
    private ClosedLoop.Result rawInserts(Series rawSeries, int round) throws Exception {
        service.awaitQuiet();
        progress.step("   baseline round " + round + ": raw JDBC inserts");
        Baselines.createTable(service.db);
        ClosedLoop.Result raw = Baselines.rawInserts("raw-jdbc round " + round, service.db, o.clients,
                Duration.ofSeconds(o.baselineSeconds), rawSeries);
        progress.step(String.format(Locale.ROOT, "   raw JDBC: %.0f rows/s", raw.perSecond()));
        return raw;
    }

    /** A measured run split in {@code o.rounds} rounds, each at least a second. */
    private int roundSeconds(int seconds) {
        return Math.max(1, seconds / o.rounds);
    }

    /** The CPU time of the bench's own process: what its clients take of the cores it shares. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The service's first load, in windows of 20 s whose rates go to the details: a cold service
     * runs its request path interpreted until the JIT has compiled it, which takes minutes of this
     * load on 2 cores, and a service in production runs warm.
     */
    private void warmUp() throws Exception {
        List<String> rates = new ArrayList<>();
        for (int done = 0; done < o.warmupSeconds; done += WARM_UP_WINDOW) {
            int seconds = Math.min(WARM_UP_WINDOW, o.warmupSeconds - done);
            ClosedLoop.Result window = postings("warm-up", seconds, w.warmup);
            rates.add(String.format(Locale.ROOT, "%,.0f", window.perSecond()));
            progress.step(String.format(Locale.ROOT, "   warm-up: %.0f postings/s", window.perSecond()));
        }
        report.details.add("warm-up: " + o.warmupSeconds + " s of the single postings' load, postings/s per "
                + WARM_UP_WINDOW + " s: " + String.join(", ", rates));
        service.process.awaitCaughtUp(Duration.ofMinutes(10));
    }
}
