package cn.gov.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The whole run: start the service, generate its data over REST, measure each figure beside its
 * baseline, check that every acknowledged posting was counted once, and write the table.
 */
public final class Bench {

    /** What a run produced: the report, where it was written, and the correctness checks. */
    public record Outcome(Report report, Path file, Verifier.Check beforeRebuild, List<String> rebuildProblems,
                          List<String> apiProblems) {

        public boolean correct() {
            return beforeRebuild.passed() && rebuildProblems.isEmpty() && apiProblems.isEmpty();
        }

        public String problems() {
            List<String> all = new ArrayList<>(beforeRebuild.problems());
            all.addAll(rebuildProblems);
            all.addAll(apiProblems);
            return String.join("\n", all);
        }
    }

    private static final String ADMIN_KEY_PREFIX = "bench-admin-key-";
    private static final String[] FUNCTIONAL = {"2150501", "2150502", "2150599", "2010101", "2080505"};
    private static final int READ_UNITS = 20;
    private static final int WRITE_UNITS = 4;
    private static final int WARM_UP_WINDOW = 20;

    private final BenchOptions o;
    private final Report report = new Report();
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 60_466_176L, 36);
    private final String apiKey = ADMIN_KEY_PREFIX + Long.toHexString(new Random().nextLong());
    private final Path dataDir;
    private final Path log;
    private final String writeDept = "BW" + run;
    private final String readDept = "BR" + run;
    private final String hotIndicator = "H" + run;
    private final List<String> apiProblems = new ArrayList<>();

    private ServiceProcess service;
    private Database db;
    private LedgerHttp http;
    private LedgerHttp batchHttp;
    private volatile Instant knownAtMid;
    private int loadGroups;

    private final Series warmup;
    private final Series single;
    private final Series hot;
    private final Series load;

    public Bench(BenchOptions options) {
        this.o = options;
        this.dataDir = o.workDir.resolve("data");
        this.log = o.workDir.resolve("service.log");
        int groups = Math.max(1, o.indicators / o.batchIndicators);
        this.loadGroups = groups;
        this.warmup = new Series("warm-up", "U" + run + "-", k -> writeIndicator(k % o.writeIndicators), Series.daily());
        this.single = new Series("single postings", "S" + run + "-", k -> writeIndicator(k % o.writeIndicators),
                Series.daily());
        this.hot = new Series("hot indicator", "H" + run + "-", k -> hotIndicator, Series.daily());
        this.load = new Series("batch load", "L" + run + "-", k -> readIndicator(loadIndicatorIndex(k)), this::loadDate);
    }

    private String writeIndicator(int n) {
        return "W" + run + "-" + n;
    }

    private String readIndicator(int n) {
        return "R" + run + "-" + n;
    }

    /** Batch b covers one group of batchIndicators indicators; its postings go round them. */
    private int loadIndicatorIndex(int k) {
        int batch = k / o.batchSize;
        int j = k % o.batchSize;
        return (batch % loadGroups) * o.batchIndicators + j % o.batchIndicators;
    }

    /** An indicator's postings run through the year in the order they are posted. */
    private LocalDate loadDate(int k) {
        int batch = k / o.batchSize;
        int j = k % o.batchSize;
        int perBatch = Math.max(1, o.batchSize / o.batchIndicators);
        long m = (long) (batch / loadGroups) * perBatch + j / o.batchIndicators;
        long perIndicator = Math.max(1, (long) Math.ceil((double) o.postings / (loadGroups * (long) o.batchIndicators)));
        return Series.YEAR_START.plusDays(Math.min(365, m * 366 / perIndicator));
    }

    private long runStart = System.nanoTime();

    /** A line on stderr per step, so a long run shows where it is. */
    private void progress(String step) {
        System.err.printf(Locale.ROOT, "[bench %6.1f s] %s%n", (System.nanoTime() - runStart) / 1e9, step);
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        runStart = started;
        String loadBefore = Machine.loadAverage();
        report.mode = o.describe();
        report.command = o.commandLine.isBlank() ? "java -jar ledger-bench/target/ledger-bench.jar"
                : "java -jar ledger-bench/target/ledger-bench.jar " + o.commandLine;
        report.machine = Machine.describe();
        if (o.quick) {
            report.scale = "quick mode: tiny sizes that prove the harness works; its timings mean nothing";
        } else if (o.postings < 1_000_000 || o.indicators < 10_000) {
            report.scale = String.format(Locale.ROOT, "below the issue's 1,000,000 postings over 10,000 indicators:"
                    + " this run loaded %,d postings over %,d indicators; figures 3, 4 and 5 are at that size", o.postings,
                    o.indicators);
        }
        prepareWorkDir();
        Verifier verifier;
        Verifier.Check before;
        List<String> rebuildProblems;
        try {
            progress("starting the service");
            startService();
            progress("set-up: units and indicators");
            setUp();
            progress("1. single postings");
            singlePostings();
            progress("2. hot indicator");
            hotIndicator();
            progress("3. batch load");
            batchLoad();
            progress("4. reads");
            new ReadFigures(o, report, apiProblems, service, db, http, batchHttp, load, readDept,
                    loadGroups * o.batchIndicators, this::readIndicator, knownAtMid).run();
            verifier = new Verifier(() -> db, List.of(warmup, single, hot, load),
                    List.of("W" + run + "-", "R" + run + "-", hotIndicator));
            progress("checking the event store and the read model");
            before = verifier.eventStoreAndReadModel();
            checkThroughApi();
            footprint("at the end of the measured work", true);
            progress("5. rebuild");
            rebuildProblems = rebuild(verifier);
        } finally {
            if (service != null) {
                service.close();
            }
        }
        report.wallSeconds = (System.nanoTime() - started) / 1e9;
        report.machine += "; load average (1/5/15 min) " + loadBefore + " at the start, " + Machine.loadAverage()
                + " at the end";
        progress("done");
        List<String> problems = new ArrayList<>(before.problems());
        problems.addAll(rebuildProblems);
        problems.addAll(apiProblems);
        report.correct = problems.isEmpty();
        report.correctness = before.summary() + "; read model after the rebuild equal to the events: "
                + (rebuildProblems.isEmpty() ? "yes" : "NO") + "; balances read over the API equal: "
                + (apiProblems.isEmpty() ? "yes" : "NO")
                + (problems.isEmpty() ? "" : ". Problems: " + String.join("; ", problems));
        MethodNotes.add(report, o, loadGroups * o.batchIndicators);
        Path file = report.write(o.resultsDir, o.quick);
        return new Outcome(report, file, before, rebuildProblems, apiProblems);
    }

    // ---------------------------------------------------------------------------------------------
    // setup

    private void prepareWorkDir() throws IOException {
        if (Files.exists(dataDir)) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(o.workDir);
        Files.deleteIfExists(log);
    }

    private void startService() throws Exception {
        long t = System.nanoTime();
        service = ServiceProcess.start(o, dataDir, log, apiKey);
        report.details.add(String.format(Locale.ROOT, "service started (health UP) in %.1f s, log %s",
                (System.nanoTime() - t) / 1e9, log));
        db = o.jdbcUrl != null ? new Database(o.jdbcUrl, o.user, o.password)
                : Database.embedded(service.embeddedPostgresPort(Duration.ofSeconds(30)));
        http = new LedgerHttp(service.port(), apiKey, Duration.ofSeconds(60));
        batchHttp = new LedgerHttp(service.port(), apiKey, Duration.ofMinutes(10));
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            report.machine += ", " + rs.getString(1).replaceAll(" on .*", "")
                    + (o.jdbcUrl == null ? " (the service's embedded one)" : " (given)");
        }
    }

    private void setUp() throws Exception {
        long t = System.nanoTime();
        for (int u = 1; u <= WRITE_UNITS; u++) {
            putUnit(writeDept + "-" + u, writeDept, "写入测试单位 " + u, "写入测试部门");
        }
        for (int u = 1; u <= READ_UNITS; u++) {
            putUnit(readDept + "-" + u, readDept, "读取测试单位 " + u, "读取测试部门");
        }
        List<String> appropriations = new ArrayList<>();
        for (int n = 0; n < o.writeIndicators; n++) {
            appropriations.add(appropriation(writeIndicator(n), writeDept + "-" + (1 + n % WRITE_UNITS), n));
        }
        appropriations.add(appropriation(hotIndicator, writeDept + "-1", 1));
        for (int n = 0; n < loadGroups * o.batchIndicators; n++) {
            appropriations.add(appropriation(readIndicator(n), readDept + "-" + (1 + n % READ_UNITS), n));
        }
        for (int from = 0; from < appropriations.size(); from += 1000) {
            List<String> chunk = appropriations.subList(from, Math.min(appropriations.size(), from + 1000));
            HttpResponse<String> response = batchHttp.post("/api/v1/postings:batch",
                    "{\"atomic\":true,\"postings\":[" + String.join(",", chunk) + "]}");
            if (response.statusCode() != 200) {
                throw new IllegalStateException("appropriations refused: " + response.statusCode() + " "
                        + LedgerHttp.abbreviate(response.body()));
            }
        }
        service.awaitCaughtUp(Duration.ofMinutes(5));
        report.details.add(String.format(Locale.ROOT, "set-up: %d units, %,d indicators appropriated in %.1f s",
                WRITE_UNITS + READ_UNITS, appropriations.size(), (System.nanoTime() - t) / 1e9));
    }

    private void putUnit(String code, String department, String name, String departmentName) throws Exception {
        HttpResponse<String> response = http.put("/api/v1/units/" + code, "{\"name\":\"" + name
                + "\",\"departmentCode\":\"" + department + "\",\"departmentName\":\"" + departmentName + "\"}");
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("PUT unit " + code + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** 100,000,000.00 元 each (never exhausted by the bench); every tenth a project; some government funds. */
    private static String appropriation(String id, String unit, int n) {
        boolean project = n % 10 == 0;
        return "{\"type\":\"APPROPRIATION\",\"indicatorId\":\"" + id + "\",\"fiscalYear\":2024,\"unitCode\":\"" + unit
                + "\",\"fundSource\":\"" + (n % 7 == 3 ? "GOVERNMENT_FUND" : "GENERAL_BUDGET")
                + "\",\"functionalCode\":\"" + FUNCTIONAL[n % FUNCTIONAL.length] + "\",\"kind\":\""
                + (project ? "PROJECT\",\"projectCode\":\"P" + (n % 20) + "\",\"projectName\":\"测试项目 " + (n % 20) + "\""
                : "BASIC\"")
                + ",\"amount\":\"100000000.00\",\"effectiveDate\":\"2024-01-01\",\"documentRef\":\"bench\"}";
    }

    // ---------------------------------------------------------------------------------------------
    // 1 and 2: single postings over REST

    /**
     * A keep-alive client (SelectorLoad: a connection of its own) posting the series' next
     * expenditure; BUSY and lost answers are retried.
     */
    private IntFunction<SelectorLoad.Client> postingClients(Series series) {
        byte[] head = SelectorLoad.postHead(http.port(), "/api/v1/expenditures", http.authorization());
        return index -> new SelectorLoad.Client() {
            private int pending = -1;
            private int attempts;
            private int k;

            @Override
            public byte[] request() {
                k = pending >= 0 ? pending : series.next.getAndIncrement();
                if (pending < 0) {
                    attempts = 0;
                }
                attempts++;
                return SelectorLoad.post(head, series.body(k));
            }

            @Override
            public ClosedLoop.Outcome answered(int status, String body, ClosedLoop.Recorder recorder) {
                if (status == 201 || status == 200) {
                    series.ack(k);
                    pending = -1;
                    return ClosedLoop.Outcome.OK;
                }
                recorder.code(status + " " + LedgerHttp.problemCode(status, body));
                if (status == 503 && attempts < 5) {
                    pending = k;
                    return ClosedLoop.Outcome.RETRY;
                }
                pending = -1;
                return ClosedLoop.Outcome.REJECTED;
            }

            @Override
            public ClosedLoop.Outcome failed(IOException e, ClosedLoop.Recorder recorder) {
                series.unknown(k);
                recorder.code(e.getClass().getSimpleName());
                pending = attempts < 5 ? k : -1;
                return ClosedLoop.Outcome.ERROR;
            }
        };
    }

    /** Figures 1 and 2's load: {@code o.clients} posting clients for this long. */
    private ClosedLoop.Result postings(String name, int seconds, Series series) throws IOException {
        return SelectorLoad.run(name, http.port(), o.clients, Duration.ofSeconds(seconds), http.timeout(),
                postingClients(series));
    }

    private void singlePostings() throws Exception {
        if (o.warmupSeconds > 0) {
            warmUp();
        }
        Series rawSeries = new Series("raw", "j" + run + "-", k -> writeIndicator(k % o.writeIndicators),
                Series.daily());
        List<ClosedLoop.Result> rawRounds = new ArrayList<>();
        List<ClosedLoop.Result> restRounds = new ArrayList<>();
        rawRounds.add(rawInserts(rawSeries, 1));
        long clientCpu = 0;
        double catchUp = 0;
        for (int round = 1; round <= o.rounds; round++) {
            long cpu = ownCpuNanos();
            ClosedLoop.Result rest = postings("single round " + round, roundSeconds(o.seconds), single);
            clientCpu += ownCpuNanos() - cpu;
            restRounds.add(rest);
            progress(String.format(Locale.ROOT, "   round %d, REST: %.0f postings/s; waiting for the read models",
                    round, rest.perSecond()));
            long t = System.nanoTime();
            awaitQuiet();
            catchUp = Math.max(catchUp, (System.nanoTime() - t) / 1e9);
            rawRounds.add(rawInserts(rawSeries, round + 1));
        }
        progress("   baseline: pgbench");
        Baselines.PgBench pgbench = Baselines.pgbench(db, o.clients, Duration.ofSeconds(o.baselineSeconds), o.workDir);
        Baselines.dropTable(db);

        ClosedLoop.Result rest = ClosedLoop.Result.combined("single", restRounds);
        ClosedLoop.Result raw = ClosedLoop.Result.combined("raw-jdbc", rawRounds);
        Rounds rawRates = new Rounds(rawRounds.stream().map(ClosedLoop.Result::perSecond).toList());
        singleResult = rest;
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
        restRounds.forEach(r -> report.details.add(describe(r)));
        rawRounds.forEach(r -> report.details.add(describe(r)));
        report.details.add(String.format(Locale.ROOT, "single postings in %d round(s): %s postings/s; the read model and"
                        + " the chain caught up at most %.1f s after a round's last answer; the bench's own CPU during the rounds"
                        + " %.1f s (%.0f µs per posting)", o.rounds,
                restRounds.stream().map(r -> Report.num(r.perSecond())).collect(Collectors.joining(", ")), catchUp,
                clientCpu / 1e9, clientCpu / 1e3 / Math.max(1, rest.ok())));
    }

    /** One round of the raw JDBC baseline on an empty table, once the service has nothing left to do. */
    private ClosedLoop.Result rawInserts(Series rawSeries, int round) throws Exception {
        awaitQuiet();
        progress("   baseline round " + round + ": raw JDBC inserts");
        Baselines.createTable(db);
        ClosedLoop.Result raw = Baselines.rawInserts("raw-jdbc round " + round, db, o.clients,
                Duration.ofSeconds(o.baselineSeconds), rawSeries);
        progress(String.format(Locale.ROOT, "   raw JDBC: %.0f rows/s", raw.perSecond()));
        return raw;
    }

    /** A measured run split in {@code o.rounds} rounds, each at least a second. */
    private int roundSeconds(int seconds) {
        return Math.max(1, seconds / o.rounds);
    }

    /**
     * Waits until the read models and the event chain have caught up with what the service was
     * sent: a baseline round measured while they still work beside it would be slowed by them.
     */
    private void awaitQuiet() throws Exception {
        service.awaitCaughtUp(Duration.ofMinutes(60));
        service.awaitChained(Duration.ofMinutes(10));
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
            ClosedLoop.Result window = postings("warm-up", seconds, warmup);
            rates.add(String.format(Locale.ROOT, "%,.0f", window.perSecond()));
            progress(String.format(Locale.ROOT, "   warm-up: %.0f postings/s", window.perSecond()));
        }
        report.details.add("warm-up: " + o.warmupSeconds + " s of the single postings' load, postings/s per "
                + WARM_UP_WINDOW + " s: " + String.join(", ", rates));
        service.awaitCaughtUp(Duration.ofMinutes(10));
    }

    private void hotIndicator() throws Exception {
        ClosedLoop.Result rest = postings("hot", o.hotSeconds, hot);
        service.awaitCaughtUp(Duration.ofMinutes(10));
        ClosedLoop.Result spread = singleResult;
        report.info("2. hot indicator postings/s (all " + o.clients + " clients on one indicator)",
                Report.rate(rest.perSecond(), "/s"),
                spread == null ? "–" : Report.rate(spread.perSecond(), "/s spread over " + o.writeIndicators),
                spread == null ? "–" : Report.percent(rest.perSecond(), spread.perSecond()));
        report.info("2. hot indicator p50 / p99 latency", Report.ms(rest.ms(50)) + " / " + Report.ms(rest.ms(99)),
                spread == null ? "–" : Report.ms(spread.ms(50)) + " / " + Report.ms(spread.ms(99)), "–");
        report.info("2. hot indicator retried / rejected",
                String.format(Locale.ROOT, "%,d retried, %,d rejected, %,d without answer of %,d requests",
                        rest.retried(), rest.rejected(), rest.errors(), rest.requests()),
                "–", rest.codes().isEmpty() ? "–" : rest.codes().toString());
        report.details.add(describe(rest));
    }

    /** Figure 1's rounds as one: figure 2's baseline. */
    private ClosedLoop.Result singleResult;

    static String describe(ClosedLoop.Result r) {
        return String.format(Locale.ROOT,
                "%s: %,d requests in %.1f s by %d clients: %,d ok, %,d retried, %,d rejected, %,d errors%s;"
                        + " latency p50 %.2f / p90 %.2f / p99 %.2f / p99.9 %.2f / max %.2f ms",
                r.name(), r.requests(), r.seconds(), r.clients(), r.ok(), r.retried(), r.rejected(), r.errors(),
                r.codes().isEmpty() ? "" : " " + r.codes(), r.ms(50), r.ms(90), r.ms(99), r.ms(99.9),
                r.latency().getMaxValue() / 1000.0);
    }

    // ---------------------------------------------------------------------------------------------
    // 3: batch postings, which also load the data set of figure 4

    /** Batch requests of one load round, and how long the round took from its first request to its last answer. */
    private record LoadRound(int batches, double seconds) {
    }

    private void batchLoad() throws Exception {
        int batches = (o.postings + o.batchSize - 1) / o.batchSize;
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicLong rejected = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        Series copySeries = new Series("copy", "c" + run + "-", load::indicator, this::loadDate);
        List<Baselines.Timed> copies = new ArrayList<>();
        List<LoadRound> rounds = new ArrayList<>();
        copies.add(copy(copySeries, 1));
        double catchUp = 0;
        for (int round = 0; round < o.rounds; round++) {
            int from = (int) ((long) batches * round / o.rounds);
            int to = (int) ((long) batches * (round + 1) / o.rounds);
            LoadRound done = loadRound(from, to, latency, rejected, retried);
            rounds.add(done);
            progress(String.format(Locale.ROOT, "   round %d: %,d batches in %.1f s; waiting for the read model",
                    round + 1, done.batches(), done.seconds()));
            long t = System.nanoTime();
            awaitQuiet();
            catchUp = Math.max(catchUp, (System.nanoTime() - t) / 1e9);
            if (knownAtMid == null) {
                knownAtMid = Instant.now();
            }
            copies.add(copy(copySeries, round + 2));
        }
        Baselines.dropTable(db);

        long acknowledged = load.ackedCount();
        double seconds = rounds.stream().mapToDouble(LoadRound::seconds).sum();
        double perSecond = acknowledged / seconds;
        Rounds copyRates = new Rounds(copies.stream().map(Baselines.Timed::perSecond).toList());
        String baseline = copyRates.describe("rows/s COPY");
        report.target("3. batch postings/s (" + o.batchSize + " per request, " + o.loadClients + " in flight)",
                Report.rate(perSecond, "/s"), baseline, Report.percent(perSecond, copyRates.median()), "≥ 50,000/s",
                perSecond, 50_000, true, "postings/s");
        report.target("3. batch postings against COPY", Report.percent(perSecond, copyRates.median()), baseline,
                Report.percent(perSecond, copyRates.median()), "≥ 25 % of COPY", 100 * perSecond / copyRates.median(),
                25, true, "% of COPY");
        report.info("3. read model catch-up after a load round", String.format(Locale.ROOT, "%.1f s", catchUp), "–",
                "–");
        report.details.add(String.format(Locale.ROOT,
                "batch load: %,d postings in %,d atomic requests of %,d (each over %d indicators) in %d round(s) of %s s"
                        + " by %d clients; %,d postings refused, %,d requests retried; request latency p50 %.0f / p99"
                        + " %.0f / max %.0f ms; the read model and the chain caught up at most %.1f s after a round's"
                        + " last answer; COPY rounds of %,d rows in %s s",
                acknowledged, batches, o.batchSize, o.batchIndicators, o.rounds,
                rounds.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.seconds()))
                        .collect(Collectors.joining(", ")), o.loadClients, rejected.get(), retried.get(),
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0, catchUp, o.postings,
                copies.stream().map(c -> String.format(Locale.ROOT, "%.1f", c.seconds()))
                        .collect(Collectors.joining(", "))));
    }

    /**
     * One round of the COPY baseline, once the service has nothing left to do: as many rows as the
     * whole batch load posts, into an empty table.
     */
    private Baselines.Timed copy(Series copySeries, int round) throws Exception {
        awaitQuiet();
        progress("   baseline round " + round + ": COPY");
        Baselines.createTable(db);
        Baselines.Timed copy = Baselines.copy(db, copySeries, o.postings);
        progress(String.format(Locale.ROOT, "   COPY: %.0f rows/s", copy.perSecond()));
        return copy;
    }

    /** Posts batches {@code from} to {@code to} (exclusive) from {@code o.loadClients} threads. */
    private LoadRound loadRound(int from, int to, Histogram latency, AtomicLong rejected, AtomicLong retried)
            throws Exception {
        AtomicInteger nextBatch = new AtomicInteger(from);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < o.loadClients; c++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int b = nextBatch.getAndIncrement(); b < to; b = nextBatch.getAndIncrement()) {
                        postBatch(b, latency, rejected, retried);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the batch load failed", failure.get());
        }
        return new LoadRound(to - from, (System.nanoTime() - start) / 1e9);
    }

    private void postBatch(int b, Histogram latency, AtomicLong rejected, AtomicLong retried) throws Exception {
        int from = b * o.batchSize;
        int to = Math.min(o.postings, from + o.batchSize);
        StringBuilder body = new StringBuilder((to - from) * 200).append("{\"atomic\":true,\"postings\":[");
        for (int k = from; k < to; k++) {
            if (k > from) {
                body.append(',');
            }
            body.append(load.batchItem(k));
        }
        body.append("]}");
        String json = body.toString();
        for (int attempt = 1; ; attempt++) {
            long t = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = batchHttp.post("/api/v1/postings:batch", json);
            } catch (IOException e) {
                for (int k = from; k < to; k++) {
                    load.unknown(k);
                }
                if (attempt >= 5) {
                    throw e;
                }
                retried.incrementAndGet();
                continue;
            }
            synchronized (latency) {
                latency.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
            }
            if (response.statusCode() == 200) {
                JsonNode results = LedgerHttp.parse(response.body()).path("results");
                for (JsonNode item : results) {
                    int status = item.path("status").asInt();
                    if (status == 201 || status == 200) {
                        load.ack(from + item.path("index").asInt());
                    } else {
                        rejected.incrementAndGet();
                    }
                }
                if (knownAtMid == null && load.ackedCount() >= o.postings / 2) {
                    knownAtMid = Instant.now();
                }
                return;
            }
            if (response.statusCode() == 503 && attempt < 5) {
                retried.incrementAndGet();
                continue;
            }
            rejected.addAndGet(to - from);
            synchronized (report) {
                report.details.add("batch " + b + " refused: " + response.statusCode() + " "
                    + LedgerHttp.abbreviate(response.body()));
            }
            return;
        }
    }

    /** The hot indicator's spent, read over the API after its last write, is its acknowledged sum. */
    private void checkThroughApi() throws Exception {
        long head = service.awaitCaughtUp(Duration.ofMinutes(10));
        JsonNode indicator = http.getJson("/api/v1/indicators/" + hotIndicator + "?minSequence=" + head);
        BigDecimal spent = new BigDecimal(indicator.path("spent").asText("0"));
        BigDecimal expected = new BigDecimal(Series.yuan(hot.ackedFen()));
        if (hot.unknownCount() == 0 && spent.compareTo(expected) != 0) {
            apiProblems.add("GET /api/v1/indicators/" + hotIndicator + " answers spent " + spent
                    + ", its acknowledged postings add up to " + expected);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 5: rebuild, 6: footprint

    private long heapMaxRun = -1;
    private long rssAtEnd = -1;
    private long hwmRun = -1;
    private long heapConfigured = -1;

    private void footprint(String when, boolean first) throws Exception {
        long used = service.heapUsed();
        boolean gc = service.fullGc();
        long live = gc ? service.heapUsed() : -1;
        long rss = service.procStatusKb("VmRSS");
        long hwm = service.procStatusKb("VmHWM");
        long maxUsed = Math.max(service.maxHeapUsed.get(), used);
        if (first) {
            heapMaxRun = maxUsed;
            rssAtEnd = rss;
            hwmRun = hwm;
            heapConfigured = service.heapMax;
        }
        report.details.add(String.format(Locale.ROOT, "footprint %s: heap used %s (max sampled %s, after a full GC %s,"
                        + " max heap %s), RSS %s (peak VmHWM %s)", when, Report.mib(used), Report.mib(maxUsed),
                Report.mib(live), Report.mib(service.heapMax), Report.mib(rss * 1024), Report.mib(hwm * 1024)));
        if (first) {
            liveAtEnd = live;
        }
    }

    private long liveAtEnd = -1;

    private List<String> rebuild(Verifier verifier) throws Exception {
        service.stop();
        Baselines.Timed read;
        long events;
        Database.Offline offline = o.jdbcUrl == null ? new Database.Offline(dataDir) : null;
        try {
            Database offlineDb = offline != null ? offline.database : db;
            progress("   baseline: sequential read of the event table");
            read = Baselines.sequentialRead(offlineDb);
            progress("   resetting the read models");
            try (Connection c = offlineDb.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.executeUpdate("DELETE FROM token_entry WHERE processor_name = 'balances'");
                s.executeUpdate("TRUNCATE rm_movement, rm_movement_key, rm_indicator, rm_year_total, rm_known_sum");
                s.executeUpdate("DELETE FROM rm_known_checkpoint WHERE checkpoint > 0");
                s.executeUpdate("UPDATE rm_known_checkpoint SET movements_after = 0, keys = 0");
                c.commit();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
                    rs.next();
                    events = rs.getLong(1);
                }
            }
        } finally {
            if (offline != null) {
                offline.close();
            }
        }

        progress("   starting the service again");
        long launched = System.nanoTime();
        service = ServiceProcess.launch(o, dataDir, log, apiKey);
        RebuildMonitor monitor = new RebuildMonitor(() -> o.jdbcUrl != null ? db
                : Database.embedded(service.embeddedPostgresPort(Duration.ofSeconds(60))));
        Thread watcher = new Thread(monitor, "rebuild-monitor");
        watcher.setDaemon(true);
        watcher.start();
        service.awaitHealthy();
        double up = (System.nanoTime() - launched) / 1e9;
        if (o.jdbcUrl == null) {
            db = Database.embedded(service.embeddedPostgresPort(Duration.ofSeconds(30)));
        }
        http = new LedgerHttp(service.port(), apiKey, Duration.ofSeconds(60));
        service.awaitCaughtUp(Duration.ofMinutes(60));
        long end = System.nanoTime();
        monitor.stop = true;
        watcher.join(5000);

        double rate;
        double window;
        long processed;
        if (monitor.firstSeenAt > 0) {
            processed = events - monitor.firstSeenRows;
            window = (end - monitor.firstSeenAt) / 1e9;
        } else {
            processed = events;
            window = (end - launched) / 1e9;
        }
        rate = processed / window;
        boolean measuredWindow = monitor.firstSeenAt > 0 && processed >= events / 10;
        if (!measuredWindow) {
            processed = events;
            window = (end - launched) / 1e9;
            rate = processed / window;
        }
        report.target("5. rebuild of every read model (" + String.format(Locale.ROOT, "%,d", events) + " events)",
                Report.rate(rate, "events/s"), Report.rate(read.perSecond(), "events/s JDBC read + deserialize"),
                Report.percent(rate, read.perSecond()), "≥ 20,000 events/s", rate, 20_000, true, "events/s");
        report.details.add(String.format(Locale.ROOT, "rebuild: %,d events replayed in %.1f s (%s); the service was"
                        + " up %.1f s after its launch and caught up %.1f s after it; the baseline read %,d events in %.1f s",
                processed, window, measuredWindow ? "from the first read-model row seen to health lag 0"
                        : "from the launch, start-up included, as the replay was too quick to watch", up,
                (end - launched) / 1e9, read.rows(), read.seconds()));

        progress(String.format(Locale.ROOT, "   %.0f events/s; checking the read model", rate));
        List<String> problems = verifier.readModel();
        footprint("after the rebuild", false);
        long rebuildHeapMax = service.maxHeapUsed.get();
        long rebuildHwm = service.procStatusKb("VmHWM");
        service.stop();
        service = null;

        long heapMax = Math.max(heapMaxRun, rebuildHeapMax);
        report.target("6. heap used, max sampled (1/s) over the run", Report.mib(heapMax),
                "max heap " + Report.mib(heapConfigured), "–", "≤ 512 MiB", heapMax / 1048576.0, 512, false, "MiB");
        report.info("6. heap live after a full GC at the end", Report.mib(liveAtEnd), "–", "–");
        report.info("6. RSS of the service at the end (peak VmHWM)", Report.mib(rssAtEnd * 1024) + " ("
                + Report.mib(Math.max(hwmRun, rebuildHwm) * 1024) + ")", "–", "–");
        return problems;
    }

    // ---------------------------------------------------------------------------------------------
}
