package cn.gov.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Figure 4, the reads at scale: once the batch load is in, each report and balance read timed
 * beside a trivial endpoint, on the loaded department.
 */
final class ReadFigures {

    private final BenchOptions o;
    private final Report report;
    private final List<String> apiProblems;
    private final ServiceProcess service;
    private final Database db;
    private final LedgerHttp http;
    private final LedgerHttp batchHttp;
    private final Series load;
    private final String department;
    private final int indicators;
    private final IntFunction<String> indicator;
    private final Instant knownAtMid;

    /**
     * Reads what the batch load of {@code workload} posted (execution-rates must add up to its
     * acknowledged postings); {@code knownAtMid} is the instant half of it was acknowledged.
     * Problems found in the answers go to {@code apiProblems}.
     */
    ReadFigures(BenchOptions o, Report report, List<String> apiProblems, Service service, Workload workload,
                Instant knownAtMid) {
        this.o = o;
        this.report = report;
        this.apiProblems = apiProblems;
        this.service = service.process;
        this.db = service.db;
        this.http = service.http;
        this.batchHttp = service.batchHttp;
        this.load = workload.load;
        this.department = workload.readDept;
        this.indicators = workload.loadIndicators();
        this.indicator = workload::readIndicator;
        this.knownAtMid = knownAtMid;
    }

    private record Timing(String name, Histogram latency, long errors, String lastStatus) {
        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private Timing time(String name, Supplier<String> path, int expected, String... headers) throws Exception {
        LedgerHttp reader = batchHttp;
        for (int i = 0; i < Math.min(5, o.readSamples); i++) {
            reader.getDiscarding(path.get(), headers);
        }
        Histogram latency = new Histogram(3_600_000_000L, 3);
        long errors = 0;
        String lastStatus = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(o.readSeconds).toNanos();
        for (int i = 0; i < o.readSamples && (i < 5 || System.nanoTime() < deadline); i++) {
            long t = System.nanoTime();
            int status = reader.getDiscarding(path.get(), headers);
            latency.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
            if (status != expected) {
                errors++;
                lastStatus = Integer.toString(status);
            }
        }
        if (errors > 0) {
            apiProblems.add(name + ": " + errors + " answers were not " + expected + " (last " + lastStatus + ")");
        }
        return new Timing(name, latency, errors, lastStatus);
    }

    void run() throws Exception {
        // The event chain lags behind a burst of batches (it hashes every event); the reads are
        // measured once it has caught up, not while it takes a core from them.
        long chainWait = System.nanoTime();
        service.awaitChained(Duration.ofMinutes(10));
        report.details.add(String.format(Locale.ROOT, "before the reads, the event chain took %.1f s more to link"
                + " every event of the batch load", (System.nanoTime() - chainWait) / 1e9));
        // The reads are measured as a ledger runs, not seconds after 10^6 rows arrived: autovacuum
        // would vacuum and analyze the read models within its naptime (1 min). Without statistics
        // PostgreSQL plans the reports as nested loops, and the totals' upserts leave as many dead
        // rows as live ones until a vacuum.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE rm_indicator, rm_movement, rm_year_total");
            s.execute("ANALYZE");
        }
        String scope = "fiscalYear=2024&departmentCode=" + department;
        String knownAt = knownAtMid.toString();
        Random random = new Random(42);
        Supplier<String> anIndicator = () -> "/api/v1/indicators/" + indicator.apply(random.nextInt(indicators));

        Timing trivial = time("trivial", () -> "/api/v1/units", 200);
        Timing finalAccounts = time("final-accounts", () -> "/api/v1/reports/final-accounts?" + scope + "&unit=wan", 200);
        Timing finalAsOf = time("final-accounts asOf",
                () -> "/api/v1/reports/final-accounts?" + scope + "&unit=wan&asOf=2024-06-30", 200);
        Timing finalKnownAt = time("final-accounts knownAt",
                () -> "/api/v1/reports/final-accounts?" + scope + "&unit=wan&knownAt=" + knownAt, 200);
        String ratesPath = "/api/v1/execution-rates?" + scope + "&groupBy=unit";
        Timing rates = time("execution-rates", () -> ratesPath, 200);
        HttpResponse<String> ratesAnswer = http.get(ratesPath);
        String etag = ratesAnswer.headers().firstValue("ETag").orElse("");
        checkRates(ratesAnswer);
        Timing notModified = time("execution-rates 304", () -> ratesPath, 304, "If-None-Match", etag);
        // The service keeps an execution-rates answer for polls of the same question at the same
        // sequence (ExecutionRatesAnswers), so the repeated poll above measures that cache. The
        // target is held against answers the service computes: another question each time, where
        // a month's end after 2024 sums the same rows as the poll without asOf (every 2024 total).
        AtomicInteger asked = new AtomicInteger();
        Timing ratesComputed = time("execution-rates computed", () -> ratesPath + "&asOf="
                + LocalDate.of(2025, 1, 31).plusMonths(asked.getAndIncrement()), 200);
        Timing ratesAsOf = time("execution-rates asOf", () -> ratesPath + "&asOf="
                + LocalDate.of(2024, 1, 1).plusDays(asked.getAndIncrement() % 366), 200);
        Timing ratesKnownAt = time("execution-rates knownAt", () -> ratesPath + "&knownAt="
                + knownAtMid.plusMillis(asked.getAndIncrement()), 200);
        Timing balanceAsOf = time("balance asOf", () -> anIndicator.get() + "?asOf=2024-06-30", 200);
        Timing balanceKnownAt = time("balance knownAt", () -> anIndicator.get() + "?knownAt=" + knownAt, 200);

        ClosedLoop.Result trivialLoop = ClosedLoop.run("trivial-throughput", o.readClients,
                Duration.ofSeconds(o.readSeconds), index -> recorder -> {
                    int status = http.getDiscarding("/api/v1/units");
                    return status == 200 ? ClosedLoop.Outcome.OK : ClosedLoop.Outcome.REJECTED;
                });
        ClosedLoop.Result notModifiedLoop = ClosedLoop.run("304-throughput", o.readClients,
                Duration.ofSeconds(o.readSeconds), index -> recorder -> {
                    int status = http.getDiscarding(ratesPath, "If-None-Match", etag);
                    return status == 304 ? ClosedLoop.Outcome.OK : ClosedLoop.Outcome.REJECTED;
                });
        if (notModifiedLoop.rejected() > 0) {
            apiProblems.add("execution-rates with If-None-Match: " + notModifiedLoop.rejected() + " answers were not 304");
        }

        String base = "p50 " + Report.ms(trivial.ms(50)) + " / p99 " + Report.ms(trivial.ms(99)) + " trivial";
        String at = String.format(Locale.ROOT, " (%,d postings, %,d indicators)", load.ackedCount(), indicators);
        readRow("4. final-accounts" + at, finalAccounts, trivial, base, "p50 ≤ 100 ms", 100);
        readRow("4. final-accounts asOf 2024-06-30", finalAsOf, trivial, base, "p50 ≤ 100 ms", 100);
        readRow("4. final-accounts knownAt mid-load", finalKnownAt, trivial, base, "p50 ≤ 500 ms", 500);
        readRow("4. execution-rates groupBy=unit, computed (asOf a month's end after 2024, another each time)",
                ratesComputed, trivial, base, "p50 ≤ 20 ms", 20);
        readRow("4. execution-rates groupBy=unit, cached (the same question again: a dashboard's poll)", rates,
                trivial, base, null, 0);
        readRow("4. execution-rates groupBy=unit, cached (If-None-Match: the current ETag, 304)", notModified,
                trivial, base, null, 0);
        readRow("4. execution-rates asOf a day of 2024 (another each time)", ratesAsOf, trivial, base, null, 0);
        readRow("4. execution-rates knownAt mid-load (another ms each time)", ratesKnownAt, trivial, base, null, 0);
        String javaClient304 = "4. execution-rates 304 answers/s (" + o.readClients + " clients)";
        String measured304 = Report.rate(notModifiedLoop.perSecond(), "/s");
        String baseline304 = Report.rate(trivialLoop.perSecond(), "/s trivial");
        String ratio304 = Report.percent(notModifiedLoop.perSecond(), trivialLoop.perSecond());
        Duration wrkRun = Duration.ofSeconds(o.readSeconds);
        Baselines.Wrk trivialWrk = Baselines.wrk(http.base() + "/api/v1/units", o.readClients, wrkRun,
                "Authorization: " + http.authorization());
        Baselines.Wrk notModifiedWrk = Baselines.wrk(http.base() + ratesPath, o.readClients, wrkRun,
                "Authorization: " + http.authorization(), "If-None-Match: " + etag);
        if (trivialWrk == null || notModifiedWrk == null) {
            report.details.add("wrk is not installed: the 304 answers/s are measured by the Java client only");
            report.target(javaClient304, measured304, baseline304, ratio304, "≥ 10,000/s",
                    notModifiedLoop.perSecond(), 10_000, true, "answers/s");
        } else {
            if (trivialWrk.failed() != 0 || notModifiedWrk.failed() != 0 || Double.isNaN(notModifiedWrk.perSecond())) {
                apiProblems.add("wrk: " + trivialWrk.failed() + " trivial and " + notModifiedWrk.failed()
                        + " execution-rates answers were not 2xx/3xx: " + notModifiedWrk.output().replace('\n', ' '));
            }
            // the Java client shares the bench's JVM and is bound at a few thousand answers/s: wrk's figure counts
            report.info(javaClient304, measured304, baseline304, ratio304);
            report.target("4. execution-rates 304 answers/s (wrk, " + o.readClients + " connections)",
                    Report.rate(notModifiedWrk.perSecond(), "/s"), Report.rate(trivialWrk.perSecond(), "/s trivial"),
                    Report.percent(notModifiedWrk.perSecond(), trivialWrk.perSecond()), "≥ 10,000/s",
                    notModifiedWrk.perSecond(), 10_000, true, "answers/s");
        }
        readRow("4. balance asOf 2024-06-30", balanceAsOf, trivial, base, null, 0);
        readRow("4. balance knownAt mid-load", balanceKnownAt, trivial, base, null, 0);
        for (Timing t : List.of(trivial, finalAccounts, finalAsOf, finalKnownAt, rates, ratesComputed, ratesAsOf,
                ratesKnownAt,
                notModified, balanceAsOf, balanceKnownAt)) {
            report.details.add(String.format(Locale.ROOT, "read %s: %d requests, p50 %.2f / p99 %.2f / max %.2f ms%s",
                    t.name(), t.latency().getTotalCount(), t.ms(50), t.ms(99), t.latency().getMaxValue() / 1000.0,
                    t.errors() > 0 ? ", " + t.errors() + " unexpected answers" : ""));
        }
        report.details.add(trivialLoop.describe());
        report.details.add(notModifiedLoop.describe());
    }

    private void readRow(String figure, Timing t, Timing trivial, String base, String target, double targetMs) {
        String measured = "p50 " + Report.ms(t.ms(50)) + " / p99 " + Report.ms(t.ms(99));
        String ratio = Report.times(t.ms(50), trivial.ms(50)) + " (p50)";
        if (target == null) {
            report.info(figure, measured, base, ratio);
        } else {
            report.target(figure, measured, base, ratio, target, t.ms(50), targetMs, false, "ms");
        }
    }

    /** The execution rates' spent, summed over the units, is what the batch load posted. */
    private void checkRates(HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            apiProblems.add("execution-rates answered " + answer.statusCode());
            return;
        }
        BigDecimal spent = BigDecimal.ZERO;
        for (JsonNode row : LedgerHttp.parse(answer.body()).path("rows")) {
            spent = spent.add(new BigDecimal(row.path("spent").asText("0")));
        }
        BigDecimal expected = new BigDecimal(Series.yuan(load.ackedFen()));
        if (load.unknownCount() == 0 && spent.compareTo(expected) != 0) {
            apiProblems.add("execution-rates: spent over the department is " + spent + ", the acknowledged batch"
                    + " postings add up to " + expected);
        }
    }
}
