package cn.gov.ledger.api.operations;

import static cn.gov.ledger.api.testing.LocalMachine.deleteRecursively;
import static cn.gov.ledger.api.testing.LocalMachine.freePort;
import static cn.gov.ledger.api.testing.LocalMachine.tail;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.gov.ledger.api.testing.Postings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash safety of the real service jar, run in a process of its own under concurrent posting load.
 *
 * <p>Clients post expenditures with ids of their own and repeat each posting, same id and same
 * content, until it is acknowledged (201, or 200 for a repeat): a refused or reset connection or a
 * 5xx is retried. Meanwhile the service is killed with SIGKILL and started again on the same data
 * directory (first scenario), or its PostgreSQL is restarted and crashed under it (second). At the
 * end the clients' acknowledgements are held against the event store: every acknowledged posting
 * has exactly one receipt and exactly one ExpenditureRecorded event, no id has two, every event
 * belongs to a posting a client sent, and each indicator's read model equals the sums recomputed
 * from its events. A third scenario stops the service normally and checks it leaves nothing claimed.
 *
 * <p>Runs in the integration-test phase (maven-failsafe-plugin), after {@code package} built the jar.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashSafetyIT {

    private static final String ADMIN_KEY = "crash-safety-admin-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 8;
    private static final int INDICATORS = 4;
    private static final long BUDGET_FEN = 10_000_000_000L; // 1亿元 each: no posting is ever refused for budget
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    private static final Duration POSTING_BOUND = Duration.ofSeconds(120);
    private static final Path WORK = Path.of("target", "crash-safety").toAbsolutePath();

    private static Path jar;

    @BeforeAll
    static void copyTheJar() throws IOException {
        Path built = Path.of(System.getProperty("ledger.jar", "target/ledger-api.jar"));
        assertThat(built).as("the packaged service; run this test with ./mvnw verify").exists();
        // A private copy: the test runs for a minute or two, and a build started meanwhile (another
        // terminal, an IDE) would rewrite target/ledger-api.jar under the running service.
        Files.createDirectories(WORK);
        jar = WORK.resolve("ledger-api.jar");
        Files.copy(built, jar, REPLACE_EXISTING);
    }

    @Test
    void everyAcknowledgedPostingIsStoredExactlyOnceAcrossKillsOfTheService() throws Exception {
        Path dataDir = Files.createTempDirectory(WORK, "kills-");
        int port = freePort();
        Random random = seeded();
        Service service = Service.start(dataDir, port);
        Load load = null;
        try {
            service.awaitHealthy();
            progress("service up on the embedded default");
            Ledger ledger = new Ledger(port);
            load = new Load(ledger, ledger.setUp(), "K");
            load.start();
            int orphans = 0;
            for (int kill = 1; kill <= 3; kill++) {
                load.awaitAcknowledged(load.acknowledged() + 20 + random.nextInt(80));
                long postmaster = Postmaster.of(dataDir).pid();
                if (kill == 2) {
                    // The whole machine or container goes down, PostgreSQL with the service: whatever
                    // was acknowledged must be on disk already.
                    Postmaster.kill(postmaster);
                }
                service.kill();
                boolean orphaned = ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false);
                if (orphaned) {
                    orphans++; // pg_ctl ran PostgreSQL in a session of its own: it outlives the JVM
                }
                progress("kill " + kill + " at " + load.acknowledged() + " acknowledgements; its PostgreSQL "
                        + (orphaned ? "still runs" : "is gone"));
                long before = load.acknowledged();
                service = Service.start(dataDir, port);
                service.awaitHealthy();
                assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                        .as("the start after kill %d stopped the PostgreSQL the killed run left behind", kill)
                        .isFalse();
                load.awaitAcknowledged(before + 20);
                progress("restarted after kill " + kill);
            }
            load.stop();
            System.out.printf("CrashSafetyIT kills: 3 SIGKILLs survived (%d left their PostgreSQL running), %s%n",
                    orphans, load.summary());
            Postmaster postgres = Postmaster.of(dataDir);
            try (Connection db = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + postgres.port() + "/postgres", "postgres", "")) {
                verify(load, ledger, db);
            }
            progress("verified");
        } finally {
            if (load != null) {
                load.abort();
            }
            service.stop();
            Postmaster.stopIfLeft(dataDir);
        }
        deleteRecursively(dataDir); // kept for a look when the test fails
    }

    @Test
    void theServiceRecoversByItselfWhenItsPostgreSqlRestartsUnderLoad() throws Exception {
        Path dir = Files.createTempDirectory(WORK, "pg-restarts-");
        Path pgData = dir.resolve("pg");
        int pgPort = freePort();
        int port = freePort();
        Random random = seeded();
        EmbeddedPostgres postgres = externalPostgres(pgData, pgPort);
        Service service = Service.start(dir.resolve("service"), port,
                "--spring.datasource.url=jdbc:postgresql://localhost:" + pgPort + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
        Load load = null;
        try {
            service.awaitHealthy();
            progress("service up on an external PostgreSQL");
            Ledger ledger = new Ledger(port);
            load = new Load(ledger, ledger.setUp(), "P");
            load.start();
            for (int restart = 1; restart <= 2; restart++) {
                load.awaitAcknowledged(load.acknowledged() + 20 + random.nextInt(80));
                if (restart == 2) {
                    // A crash: the postmaster and every backend killed, the WAL replayed at start.
                    Postmaster.kill(Postmaster.of(pgData).pid());
                }
                // 1: pg_ctl stop -m fast, sessions cut off; 2: releases zonky's lock (and zonky logs that
                // its pg_ctl stop found no server to stop)
                postgres.close();
                long before = load.acknowledged();
                postgres = externalPostgres(pgData, pgPort);
                load.awaitAcknowledged(before + 20);
                service.awaitHealthy();
                progress("recovered from PostgreSQL restart " + restart);
            }
            load.stop();
            System.out.printf("CrashSafetyIT PostgreSQL restarts: 2 survived (one stop, one crash), %s%n",
                    load.summary());
            try (Connection db = postgres.getPostgresDatabase().getConnection()) {
                verify(load, ledger, db);
            }
            progress("verified");
        } finally {
            if (load != null) {
                load.abort();
            }
            service.stop();
            postgres.close();
            Postmaster.stopIfLeft(pgData);
        }
        deleteRecursively(dir); // kept for a look when the test fails
    }

    /**
     * A normal stop on the embedded default: the processors stop and release their tokens while
     * PostgreSQL still runs, and PostgreSQL stops last. zonky's own shutdown hook had stopped it
     * beside Spring's, under the running processors: each stop waited out Axon's 5 s shutdown
     * timeout, logged dozens of failed connections, and left both tokens claimed.
     */
    @Test
    void aStopReleasesTheProcessorsTokensBeforeItsPostgreSqlStops() throws Exception {
        Path dataDir = Files.createTempDirectory(WORK, "stop-");
        int port = freePort();
        Service service = Service.start(dataDir, port);
        try {
            service.awaitHealthy();
            new Ledger(port).setUp();
        } finally {
            long stopping = System.nanoTime();
            service.stop();
            progress(String.format("the service stopped %.1f s after SIGTERM", (System.nanoTime() - stopping) / 1e9));
        }
        List<String> processors = new ArrayList<>();
        List<String> claimed = new ArrayList<>();
        try (EmbeddedPostgres postgres = externalPostgres(dataDir.resolve("postgres"), freePort());
             Connection db = postgres.getPostgresDatabase().getConnection();
             Statement statement = db.createStatement();
             ResultSet tokens = statement.executeQuery("SELECT processor_name, owner FROM token_entry")) {
            while (tokens.next()) {
                processors.add(tokens.getString(1));
                if (tokens.getString(2) != null) {
                    claimed.add(tokens.getString(1) + " by " + tokens.getString(2));
                }
            }
        }
        assertThat(processors).containsExactlyInAnyOrder("balances", "event-chain");
        assertThat(claimed).as("tokens still claimed after the stop").isEmpty();
        assertThat(Files.readString(service.log, StandardCharsets.UTF_8))
                .as("the service's log of its stop").doesNotContain("Failed to validate connection");
        Postmaster.stopIfLeft(dataDir.resolve("postgres"));
        deleteRecursively(dataDir); // kept for a look when the test fails
    }

    /** The acknowledgements against the event store, and the read models against the events. */
    private static void verify(Load load, Ledger ledger, Connection db) throws Exception {
        assertThat(load.unexpected).as("answers other than 201, 200 and 5xx problems").isEmpty();
        assertThat(load.unacknowledged).as("postings never acknowledged within %s", POSTING_BOUND).isEmpty();
        Map<String, Posting> sent = load.sent;
        assertThat(load.acknowledgedIds).containsOnlyKeys(sent.keySet());

        Map<String, Integer> receipts = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT posting_id, count(*) FROM posting_receipt WHERE posting_type = 'EXPENDITURE' GROUP BY posting_id")) {
            while (rs.next()) {
                receipts.put(rs.getString(1), rs.getInt(2));
            }
        }
        Map<String, List<JsonNode>> events = new HashMap<>();
        long head;
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                    + " WHERE payload_type LIKE '%.ExpenditureRecorded' ORDER BY global_index")) {
                while (rs.next()) {
                    JsonNode payload = JSON.readTree(rs.getString(1));
                    events.computeIfAbsent(payload.path("expenditureId").asText(), id -> new ArrayList<>()).add(payload);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT max(global_index) FROM domain_event_entry")) {
                rs.next();
                head = rs.getLong(1);
            }
        }

        for (Posting posting : sent.values()) {
            assertThat(receipts.get(posting.id)).as("receipts of acknowledged %s", posting.id).isEqualTo(1);
            List<JsonNode> recorded = events.getOrDefault(posting.id, List.of());
            assertThat(recorded).as("ExpenditureRecorded events of acknowledged %s", posting.id).hasSize(1);
            assertThat(recorded.get(0).path("indicatorId").asText()).as(posting.id).isEqualTo(posting.indicator);
            assertThat(recorded.get(0).path("amount").path("fen").asLong()).as(posting.id).isEqualTo(posting.fen);
        }
        events.forEach((id, recorded) -> assertThat(recorded).as("events of %s", id).hasSize(1));
        assertThat(events.keySet()).as("every event belongs to a posting a client sent").isEqualTo(sent.keySet());
        assertThat(receipts.keySet()).as("every receipt belongs to a posting a client sent").isEqualTo(sent.keySet());

        Map<String, Long> spent = new HashMap<>();
        events.values().forEach(recorded -> spent.merge(recorded.get(0).path("indicatorId").asText(),
                recorded.get(0).path("amount").path("fen").asLong(), Long::sum));
        for (String indicator : load.indicators) {
            long fen = spent.getOrDefault(indicator, 0L);
            JsonNode read = ledger.readIndicator(indicator, head);
            assertThat(new BigDecimal(read.path("spent").asText())).as("%s spent", indicator)
                    .isEqualByComparingTo(BigDecimal.valueOf(fen, 2));
            assertThat(new BigDecimal(read.path("authorityLeft").asText())).as("%s authorityLeft", indicator)
                    .isEqualByComparingTo(BigDecimal.valueOf(BUDGET_FEN - fen, 2));
            assertThat(fen).as("%s: the sum of the acknowledged postings", indicator).isEqualTo(load.sent.values()
                    .stream().filter(p -> p.indicator.equals(indicator)).mapToLong(p -> p.fen).sum());
        }
        System.out.printf("CrashSafetyIT verified: %d postings acknowledged, each with one receipt and one event;"
                + " %d indicators' read models equal their events' sums at sequence %d%n", sent.size(),
                load.indicators.size(), head);
    }

    /** An "external" PostgreSQL owned by the test, on a fixed port and directory so that it can restart. */
    private static EmbeddedPostgres externalPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // as a production server runs; zonky's has both off
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    private static final long STARTED = System.nanoTime();

    private static void progress(String what) {
        System.out.printf("CrashSafetyIT %5.1f s: %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }

    private static Random seeded() {
        long seed = System.nanoTime();
        System.out.println("CrashSafetyIT random seed " + seed);
        return new Random(seed);
    }

    /** One expenditure a client sends until it is acknowledged. */
    record Posting(String id, String indicator, long fen) {
        Map<String, Object> body() {
            Map<String, Object> body = Postings.expenditure(id, indicator, BigDecimal.valueOf(fen, 2).toPlainString());
            body.put("voucherNo", "V-" + id);
            return body;
        }
    }

    /** Clients posting concurrently, each repeating a posting until it is acknowledged. */
    static final class Load {
        final Ledger ledger;
        final List<String> indicators;
        final String prefix;
        final Map<String, Posting> sent = new ConcurrentHashMap<>();
        final Map<String, Integer> acknowledgedIds = new ConcurrentHashMap<>();
        final Map<String, String> unexpected = new ConcurrentHashMap<>();
        final Map<String, Posting> unacknowledged = new ConcurrentHashMap<>();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger repeats = new AtomicInteger();
        final AtomicInteger failures5xx = new AtomicInteger();
        final AtomicInteger connectionErrors = new AtomicInteger();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicBoolean aborted = new AtomicBoolean();
        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> clients = new ArrayList<>();
        private final Object progress = new Object();
        private long acknowledged;

        Load(Ledger ledger, List<String> indicators, String prefix) {
            this.ledger = ledger;
            this.indicators = indicators;
            this.prefix = prefix + "-" + Long.toString(System.nanoTime(), 36);
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(threads.submit(() -> run(client)));
            }
        }

        private void run(int client) {
            Random random = new Random(client * 31L + prefix.hashCode());
            for (int n = 0; n < 20_000 && !stopping.get(); n++) {
                Posting posting = new Posting(prefix + "-" + client + "-" + n,
                        indicators.get(random.nextInt(indicators.size())), 1 + random.nextInt(99_999));
                sent.put(posting.id, posting);
                postUntilAcknowledged(posting);
            }
        }

        private void postUntilAcknowledged(Posting posting) {
            long deadline = System.nanoTime() + POSTING_BOUND.toNanos();
            for (int attempt = 1; System.nanoTime() < deadline && !aborted.get(); attempt++) {
                if (attempt == 2) {
                    retried.incrementAndGet();
                }
                try {
                    HttpResponse<String> answer = ledger.send("POST", "/api/v1/expenditures", posting.body());
                    int status = answer.statusCode();
                    if (status == 201 || status == 200) {
                        if (status == 200) {
                            repeats.incrementAndGet(); // an earlier attempt was stored, its answer lost
                        }
                        acknowledgedIds.put(posting.id, status);
                        synchronized (progress) {
                            acknowledged++;
                            progress.notifyAll();
                        }
                        return;
                    }
                    if (status < 500) {
                        unexpected.put(posting.id, status + " " + answer.body());
                        return;
                    }
                    if (!answer.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
                        unexpected.put(posting.id, status + " without a problem: " + answer.body());
                    }
                    failures5xx.incrementAndGet();
                } catch (IOException e) {
                    connectionErrors.incrementAndGet(); // refused, reset or timed out: the service is down
                }
                // Between retries of a refused connection or a 5xx while the service or its database
                // restarts: a short, growing, bounded pause instead of a busy loop.
                pause(Math.min(500, 20L * attempt));
            }
            unacknowledged.put(posting.id, posting);
        }

        long acknowledged() {
            synchronized (progress) {
                return acknowledged;
            }
        }

        /** Waits, within the posting bound, until the clients have this many acknowledgements. */
        void awaitAcknowledged(long count) throws InterruptedException {
            long deadline = System.nanoTime() + POSTING_BOUND.toNanos();
            synchronized (progress) {
                while (acknowledged < count) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        fail("the clients got %d acknowledgements, not %d, within %s: %s", acknowledged, count,
                                POSTING_BOUND, summary());
                    }
                    progress.wait(left);
                }
            }
        }

        /** Lets each client finish the posting it is on (until acknowledged), then stops them. */
        void stop() throws Exception {
            stopping.set(true);
            for (Future<?> client : clients) {
                client.get(POSTING_BOUND.toSeconds() + 30, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }

        /** After a failure: the clients give up at once. */
        void abort() {
            aborted.set(true);
            stopping.set(true);
            threads.shutdownNow();
        }

        String summary() {
            return String.format("%d postings acknowledged by %d clients, %d retried, %d answered 200 on a retry"
                            + " (stored before, answer lost), %d 5xx answers, %d connection errors",
                    acknowledgedIds.size(), CLIENTS, retried.get(), repeats.get(), failures5xx.get(),
                    connectionErrors.get());
        }

        private static void pause(long millis) {
            try {
                TimeUnit.MILLISECONDS.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The REST contract, as a finance system calls it. */
    static final class Ledger {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final String base;

        Ledger(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        /** A unit and its indicators, each with a budget no load here can exhaust. */
        List<String> setUp() throws Exception {
            String unit = "U" + Long.toString(System.nanoTime(), 36);
            expect(send("PUT", "/api/v1/units/" + unit, Map.of("name", "崩溃测试单位", "departmentCode", "D9",
                    "departmentName", "崩溃测试部门")), 201);
            List<String> indicators = new ArrayList<>();
            for (int i = 0; i < INDICATORS; i++) {
                String indicator = unit + "-IND-" + i;
                expect(send("POST", "/api/v1/indicators", Postings.appropriation(indicator, unit,
                        BigDecimal.valueOf(BUDGET_FEN, 2).toPlainString())), 201);
                indicators.add(indicator);
            }
            return indicators;
        }

        /** The indicator from the read model once it has the given sequence; retried while it catches up. */
        JsonNode readIndicator(String indicator, long minSequence) throws Exception {
            long deadline = System.nanoTime() + POSTING_BOUND.toNanos();
            HttpResponse<String> answer;
            do {
                // Each read waits up to ledger.read.max-wait on the server; a 503 says it is still behind.
                answer = send("GET", "/api/v1/indicators/" + indicator + "?minSequence=" + minSequence, null);
            } while (answer.statusCode() == 503 && System.nanoTime() < deadline);
            expect(answer, 200);
            return JSON.readTree(answer.body());
        }

        HttpResponse<String> send(String method, String path, Object body) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + ADMIN_KEY);
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        private static void expect(HttpResponse<String> answer, int status) {
            assertThat(answer.statusCode()).as("%s %s", answer.request().uri(), answer.body()).isEqualTo(status);
        }
    }

    /** One run of the service jar, in a JVM of its own. */
    static final class Service {
        private final Process process;
        private final Path log;
        private final Ledger ledger;

        private Service(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.ledger = new Ledger(port);
        }

        static Service start(Path dataDir, int port, String... arguments) throws IOException {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("service.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a small heap, one GC thread and C1 only: quicker starts on CI's two cores
                    "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString(), "--server.port=" + port, "--ledger.data-dir=" + dataDir));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("SPRING_DATASOURCE_"));
            environment.put("LEDGER_DATA_DIR", dataDir.toString());
            environment.put("LEDGER_ADMIN_API_KEY", ADMIN_KEY);
            environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            return new Service(builder.start(), log, port);
        }

        /** Polls the health endpoint until it answers 200: the database is up and the processor runs. */
        void awaitHealthy() throws Exception {
            long deadline = System.nanoTime() + START_BOUND.toNanos();
            int last = 0;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("the service exited with %d while starting: %s", process.exitValue(), tail(log));
                }
                try {
                    last = ledger.send("GET", "/actuator/health", null).statusCode();
                    if (last == 200) {
                        return;
                    }
                } catch (IOException refused) {
                    last = -1;
                }
                // Not up yet: wait a moment between polls, returning at once should the JVM exit.
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
            fail("the service was not healthy within %s (last answer %d): %s", START_BOUND, last, tail(log));
        }

        /** SIGKILL to the JVM: no shutdown hook, no graceful close of anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the JVM died").isTrue();
        }

        /** A normal stop (SIGTERM: graceful shutdown, PostgreSQL closed), forcibly if it hangs. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** What PostgreSQL's postmaster.pid in a data directory says: its PID (line 1) and port (line 4). */
    record Postmaster(long pid, int port) {

        static Postmaster of(Path dataDir) throws IOException {
            Path file = dataDir.resolve("postmaster.pid");
            if (!Files.exists(file)) {
                file = dataDir.resolve("postgres").resolve("postmaster.pid");
            }
            List<String> lines = Files.readAllLines(file);
            return new Postmaster(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim()));
        }

        /** SIGKILL to the postmaster and all its backends, and wait until they are gone. */
        static void kill(long pid) throws Exception {
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isEmpty()) {
                return;
            }
            List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
            all.add(postmaster.get());
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : all) {
                process.onExit().get(30, TimeUnit.SECONDS);
            }
        }

        /** Never leaves a PostgreSQL of this test running, whatever happened. */
        static void stopIfLeft(Path dataDir) throws Exception {
            Postmaster left;
            try {
                left = of(dataDir);
            } catch (IOException noFile) {
                return; // PostgreSQL was shut down cleanly
            }
            String directory = dataDir.toString();
            boolean ours = ProcessHandle.of(left.pid).filter(ProcessHandle::isAlive)
                    .flatMap(process -> process.info().commandLine())
                    .map(line -> line.contains("postgres") && line.contains(directory)).orElse(false);
            if (ours) {
                kill(left.pid);
            }
        }
    }
}
