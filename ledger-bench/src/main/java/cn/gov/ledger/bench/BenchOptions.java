package cn.gov.ledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to run and how big. Defaults are the sizes of the performance issue; {@code --quick}
 * shrinks everything to seconds (what CI runs). Every size can be given on the command line.
 */
public final class BenchOptions {

    boolean quick;
    /** Postings loaded through the batch endpoint (figure 3) and read back at scale (figure 4). */
    int postings = 1_000_000;
    /** Indicators the loaded postings are spread over. */
    int indicators = 10_000;
    /** Indicators the single postings (figure 1) are spread over. */
    int writeIndicators = 1_000;
    /** Duration of the single-postings run (figure 1), its rounds together. */
    int seconds = 60;
    /** Duration of the hot-indicator run (figure 2). */
    int hotSeconds = 30;
    /** Duration of each baseline round (raw JDBC inserts) and of pgbench's run. */
    int baselineSeconds = 20;
    /**
     * Rounds the single postings and the batch load are split into; their baselines run one round
     * more, before the first and after each, and the median of those is the baseline.
     */
    int rounds = 2;
    /** Warm-up before the single postings, the service's first load; its postings are checked, not timed. */
    int warmupSeconds = 120;
    /** Concurrent keep-alive clients of figures 1 and 2 (and of their baselines). */
    int clients = 32;
    /** Postings per request of the batch load. */
    int batchSize = 1_000;
    /** Distinct indicators in one batch request. */
    int batchIndicators = 100;
    /** Batch requests in flight at once during the load. */
    int loadClients = 2;
    /** The most requests timed per read figure, and the longest time spent on one. */
    int readSamples = 200;
    int readSeconds = 5;
    /** Concurrent clients of the 304 throughput figure. */
    int readClients = 8;

    Path jar;
    Path workDir;
    Path resultsDir;
    /** A given PostgreSQL instead of the service's embedded one. */
    String jdbcUrl;
    String user = "postgres";
    String password = "";
    /**
     * Extra JVM options of the service process, split on blanks. By default the heap the
     * Dockerfile deploys it with, so the heap target of 512 MiB is a limit, not an observation.
     */
    List<String> serviceJvmOptions = new ArrayList<>(List.of("-Xmx512m"));
    /** The command line, for the results file. */
    String commandLine = "";

    public static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                o.quick();
            }
        }
        for (String arg : args) {
            if (arg.equals("--quick")) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + usage());
            }
            String key = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (key) {
                case "postings" -> o.postings = positive(key, value);
                case "indicators" -> o.indicators = positive(key, value);
                case "write-indicators" -> o.writeIndicators = positive(key, value);
                case "seconds" -> o.seconds = positive(key, value);
                case "hot-seconds" -> o.hotSeconds = positive(key, value);
                case "baseline-seconds" -> o.baselineSeconds = positive(key, value);
                case "rounds" -> o.rounds = positive(key, value);
                case "warmup-seconds" -> o.warmupSeconds = Integer.parseInt(value);
                case "clients" -> o.clients = positive(key, value);
                case "batch-size" -> o.batchSize = positive(key, value);
                case "batch-indicators" -> o.batchIndicators = positive(key, value);
                case "load-clients" -> o.loadClients = positive(key, value);
                case "read-samples" -> o.readSamples = positive(key, value);
                case "read-seconds" -> o.readSeconds = positive(key, value);
                case "read-clients" -> o.readClients = positive(key, value);
                case "jar" -> o.jar = Path.of(value);
                case "work-dir" -> o.workDir = Path.of(value);
                case "results-dir" -> o.resultsDir = Path.of(value);
                case "jdbc-url" -> o.jdbcUrl = value;
                case "user" -> o.user = value;
                case "password" -> o.password = value;
                case "service-jvm-opts" -> o.serviceJvmOptions = value.isBlank() ? new ArrayList<>()
                        : new ArrayList<>(List.of(value.trim().split("\\s+")));
                default -> throw new IllegalArgumentException("unknown option --" + key + "\n" + usage());
            }
        }
        o.commandLine = String.join(" ", args);
        return o.resolvePaths();
    }

    /** Tiny sizes that prove the harness works, for CI; their timings mean nothing. */
    BenchOptions quick() {
        quick = true;
        postings = 2_000;
        indicators = 100;
        writeIndicators = 20;
        seconds = 5;
        hotSeconds = 3;
        baselineSeconds = 3;
        rounds = 1;
        warmupSeconds = 1;
        clients = 8;
        batchSize = 100;
        batchIndicators = 10;
        loadClients = 2;
        readSamples = 20;
        readSeconds = 2;
        readClients = 4;
        return this;
    }

    /**
     * Finds the repository root (the directory holding ledger-api/) from the working directory
     * or its parent, and places the jar, the scratch directory and the results under it.
     */
    BenchOptions resolvePaths() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("ledger-api")) ? here
                : here.getParent() != null && Files.isDirectory(here.getParent().resolve("ledger-api")) ? here.getParent()
                : here;
        if (jar == null) {
            jar = root.resolve("ledger-api/target/ledger-api.jar");
        }
        if (workDir == null) {
            workDir = root.resolve("ledger-bench/target/bench-run");
        }
        if (resultsDir == null) {
            resultsDir = root.resolve("bench/results");
        }
        if (batchIndicators > batchSize) {
            batchIndicators = batchSize;
        }
        if (batchIndicators > indicators) {
            batchIndicators = indicators;
        }
        return this;
    }

    String describe() {
        return (quick ? "quick" : "full") + ": postings=" + postings + ", indicators=" + indicators
                + ", write-indicators=" + writeIndicators + ", clients=" + clients + ", seconds=" + seconds
                + ", hot-seconds=" + hotSeconds + ", baseline-seconds=" + baselineSeconds + ", rounds=" + rounds
                + ", warmup-seconds=" + warmupSeconds + ", batch-size=" + batchSize
                + ", batch-indicators=" + batchIndicators + ", load-clients=" + loadClients
                + ", read-samples=" + readSamples + ", read-seconds=" + readSeconds
                + ", read-clients=" + readClients
                + (serviceJvmOptions.isEmpty() ? "" : ", service-jvm-opts=" + String.join(" ", serviceJvmOptions))
                + (jdbcUrl == null ? ", PostgreSQL: the service's embedded one" : ", PostgreSQL: " + jdbcUrl);
    }

    static String usage() {
        return """
                usage: java -jar ledger-bench/target/ledger-bench.jar [--quick] [--option=value ...]
                  --quick                  tiny sizes, seconds (what CI runs)
                  --postings=1000000       postings loaded through POST /api/v1/postings:batch
                  --indicators=10000       indicators they are spread over
                  --write-indicators=1000  indicators the single postings are spread over
                  --seconds=60             single postings run; --hot-seconds=30 hot indicator run
                  --baseline-seconds=20    each baseline round; --warmup-seconds=120 before the single postings
                  --rounds=2               rounds of the single postings and of the batch load; their baselines
                                           run before the first and after each, and count by their median
                  --clients=32             concurrent keep-alive clients (and baseline connections)
                  --batch-size=1000        postings per batch request; --batch-indicators=100 per request
                  --load-clients=2         batch requests in flight
                  --read-samples=200 --read-seconds=5 --read-clients=8
                  --jar=ledger-api/target/ledger-api.jar --work-dir=ledger-bench/target/bench-run
                  --results-dir=bench/results
                  --jdbc-url=jdbc:postgresql://host:5432/db --user=.. --password=..  a given PostgreSQL
                  --service-jvm-opts="-Xmx512m"  (the default) options of the service's JVM (@LAUNCH@ becomes 1, 2:
                      -XX:StartFlightRecording=filename=svc-@LAUNCH@.jfr,settings=profile profiles each launch)
                """;
    }

    private static int positive(String key, String value) {
        int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
        if (n <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive");
        }
        return n;
    }
}
