package cn.gov.ledger.api.operations;

import static cn.gov.ledger.api.testing.InProcessService.client;
import static cn.gov.ledger.api.testing.InProcessService.port;
import static cn.gov.ledger.api.testing.InProcessService.start;
import static cn.gov.ledger.api.testing.LocalMachine.deleteRecursively;
import static cn.gov.ledger.api.testing.LocalMachine.freePort;
import static cn.gov.ledger.api.testing.LocalMachine.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.Postings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backup and restore as docs/backup.md tells an operator to do them: {@code pg_dump -Fc} of the
 * ledger's database while the service runs, the chain head and the reports read at backup time,
 * {@code pg_restore} into a fresh, empty database, the service started on it; then the chain must
 * verify with the same head ({@code expectHead}), the reports must be byte for byte the same JSON,
 * a repeat of an old posting must answer 200 with its old answer (the receipts came back) and a
 * new posting must get a sequence beyond the old head (the event store's sequence came back).
 *
 * <p>Two restores of one dump: into a fresh data directory of the embedded default (PostgreSQL
 * 17.6 from zonky, the service's own), and into a new database of another PostgreSQL cluster
 * (an external deployment).
 *
 * <p>Where the dump comes from: pg_dump refuses a server of a newer major version than its own
 * ("aborting because of server version mismatch"), zonky's binaries ship no pg_dump, and the only
 * PostgreSQL programs this project's machines can install are Debian 12's, major 15. So the ledger
 * that is backed up runs on a cluster of the programs' own version (Debian's postgresql-15,
 * installed by .ci/run) laid out as the embedded default lays out its own ({@code
 * <data-dir>/postgres}, superuser and database postgres, trust), which the service uses as an
 * external database, and tools/backup/ledger-backup.sh backs it up as it backs up the embedded
 * default; the restore goes into the embedded 17.6 as an operator restores the embedded default.
 * Backing up the embedded 17.6 itself takes a pg_dump of 17 or later (docs/backup.md).
 *
 * <p>Needs PostgreSQL's programs (initdb, pg_ctl, psql, createdb, pg_dump, pg_restore): the newest
 * {@code /usr/lib/postgresql/<major>/bin}, or the directory in {@code LEDGER_PG_BIN} (or
 * {@code -Dledger.pg-bin}). Without them the test fails and says so: it is not skipped.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BackupRestoreTest {

    private static final Path WORK = Path.of("target", "backup-restore").toAbsolutePath();
    private static final String ADMIN_KEY = LedgerClient.ADMIN_KEY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPARTMENT = "990";
    private static final String UNIT = "990002";
    private static final String INDICATOR = "ZB2024-990002-2150501-BACKUP";
    private static final Duration CHAIN_BOUND = Duration.ofSeconds(60);

    /** The reads compared before and after, each with minSequence so the read models have everything. */
    private static final List<String> READS = List.of(
            "/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode=" + DEPARTMENT + "&unit=wan",
            "/api/v1/reports/final-accounts?fiscalYear=2024&unitCode=990001",
            "/api/v1/reports/project-execution?fiscalYear=2024&departmentCode=" + DEPARTMENT,
            "/api/v1/balances?fiscalYear=2024&departmentCode=" + DEPARTMENT + "&groupBy=unit,fundSource,economicSection",
            "/api/v1/execution-rates?fiscalYear=2024&departmentCode=" + DEPARTMENT + "&groupBy=unit",
            "/api/v1/indicators/" + INDICATOR,
            "/api/v1/audit/events?indicatorId=" + INDICATOR);

    private static Programs programs;
    private static Path dir;
    private static Path dump;
    private static Cluster source;
    private static final List<Cluster> clusters = new ArrayList<>();
    private static Backup backup;
    private static int restoresVerified;

    /** What the service answered at backup time. */
    record Backup(String headHash, long headSequence, long checked, Map<String, String> reads,
                  Map<String, Object> expenditure, String expenditureAnswer) {
    }

    @BeforeAll
    static void backUpALedgerWhileItRuns() throws Exception {
        programs = Programs.find();
        Files.createDirectories(WORK);
        dir = Files.createTempDirectory(WORK, "run-");
        // The ledger to back up keeps its database as the embedded default does: a cluster in
        // <data-dir>/postgres, superuser and database "postgres", trust on localhost, a port of its own.
        Path sourceDataDir = dir.resolve("source-data");
        source = Cluster.create(programs, sourceDataDir.resolve("postgres"), dir.resolve("source.log"));
        clusters.add(source);

        long started = System.nanoTime();
        try (ConfigurableApplicationContext service = start(sourceDataDir,
                "--spring.datasource.url=jdbc:postgresql://localhost:" + source.port + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=")) {
            LedgerClient client = client(service);
            // Two units of a department, two years of postings of every kind in one atomic batch
            // (appropriations, adjustments, transfers, incomes, expenditures, reversals, carry-forwards
            // into 2024), then single postings as a finance system makes them.
            for (String unit : List.of("990001", UNIT)) {
                client.put("/api/v1/units/" + unit, Map.of("name", "备份恢复测试单位" + unit,
                        "departmentCode", DEPARTMENT, "departmentName", "备份恢复测试厅")).expect(201);
            }
            String batch;
            try (var in = BackupRestoreTest.class.getResourceAsStream("/backup/postings-990.json")) {
                batch = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonNode results = client.post("/api/v1/postings:batch", batch).expect(200).body().path("results");
            assertThat(results).as("the batch's results").hasSize(25);
            client.post("/api/v1/indicators", appropriation()).expect(201);
            Map<String, Object> expenditure = expenditure("ZF2024-BACKUP-1", "600000.00", "2024-02-01");
            LedgerClient.Answer spent = client.post("/api/v1/expenditures", expenditure).expect(201);
            client.post("/api/v1/expenditures/ZF2024-BACKUP-1/reversals", Map.of("reversalId", "CX2024-BACKUP-1",
                    "amount", "100000.00", "reason", "红字冲销", "effectiveDate", "2024-03-03")).expect(201);
            long last = client.post("/api/v1/indicators/" + INDICATOR + "/incomes", Map.of("incomeId",
                    "SR2024-BACKUP-1", "amount", "550000.00", "effectiveDate", "2024-03-04")).expect(201)
                    .body().path("sequence").asLong();

            // The head an auditor keeps, outside the database, once every event is chained.
            JsonNode head = awaitChainedUpTo(client, last);
            Map<String, String> reads = read(client, last);
            // what is compared after the restore has figures in it: tables of both sides, last year's column
            JsonNode report = JSON.readTree(reads.get(READS.get(0)));
            List<String> filled = new ArrayList<>();
            report.path("tables").fields().forEachRemaining(table -> {
                if (!table.getValue().path("empty").asBoolean()) {
                    filled.add(table.getKey());
                }
            });
            assertThat(filled).as("final-accounts tables with figures").contains("01", "02", "03", "04", "05", "06");
            assertThat(report.path("yearOnYear").size()).as("figures beside 2023's").isPositive();
            progress("loaded %d events in %d ms; head %s at %d", head.path("checked").asLong(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), head.path("headHash").asText(),
                    head.path("headSequence").asLong());

            // A hot backup with tools/backup/ledger-backup.sh as docs/backup.md gives it: the head
            // first, then pg_dump -Fc of the whole database while the service keeps running.
            Path prefix = dir.resolve("ledger-backup");
            long dumping = System.nanoTime();
            programs.run(dir.resolve("ledger-backup.log"), Map.of("LEDGER_URL", "http://127.0.0.1:" + port(service),
                            "LEDGER_API_KEY", ADMIN_KEY, "LEDGER_DATA_DIR", sourceDataDir.toString(),
                            "PG_DUMP", programs.bin("pg_dump")),
                    "bash", repository().resolve("tools/backup/ledger-backup.sh").toString(), prefix.toString());
            dump = Path.of(prefix + ".dump");
            progress("tools/backup/ledger-backup.sh with pg_dump %s: %d KiB in %d ms", programs.version,
                    Files.size(dump) / 1024, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dumping));
            JsonNode kept = JSON.readTree(Path.of(prefix + ".head.json").toFile());
            assertThat(kept.path("headHash").asText()).as("the head the backup kept")
                    .isEqualTo(head.path("headHash").asText());
            backup = new Backup(head.path("headHash").asText(), head.path("headSequence").asLong(),
                    head.path("checked").asLong(), reads, expenditure, spent.raw().body());
        }
        // The machine is lost: nothing of the source is used from here on.
        source.stop();
    }

    @AfterAll
    static void stopEveryPostgreSql() throws IOException {
        for (Cluster cluster : clusters) {
            cluster.stopQuietly();
        }
        if (restoresVerified == 2) {
            deleteRecursively(dir); // three PostgreSQL clusters; kept for a look when the test fails
        }
    }

    @Test
    void aDumpRestoredIntoAFreshDataDirectoryOfTheEmbeddedDefaultIsTheSameLedger() throws Exception {
        Path dataDir = dir.resolve("embedded-restored");
        int major;
        long restoring;
        // A fresh cluster in <data-dir>/postgres, made and started by the service's own PostgreSQL
        // (zonky, the same binaries and the same initdb), with nothing in it yet; stopped again
        // after the restore, so the service finds a data directory of its own kind.
        try (EmbeddedPostgres fresh = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start()) {
            major = serverMajor(fresh);
            assertThat(tables(fresh)).as("the fresh database is empty").isZero();
            restoring = System.nanoTime();
            programs.run(dir.resolve("pg_restore-embedded.log"), programs.bin("pg_restore"), "-h", "localhost",
                    "-p", String.valueOf(fresh.getPort()), "-U", "postgres", "-d", "postgres",
                    "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump.toString());
        }
        progress("pg_restore %s into the embedded PostgreSQL %d: %d ms", programs.version, major,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoring));
        try (ConfigurableApplicationContext service = start(dataDir)) {
            assertTheSameLedgerTakingNewPostings(client(service));
        }
    }

    @Test
    void aDumpRestoredIntoANewDatabaseOfAnotherPostgreSqlIsTheSameLedger() throws Exception {
        Cluster target = Cluster.create(programs, dir.resolve("target-cluster"), dir.resolve("target.log"));
        clusters.add(target);
        // a role and an empty database of its own, the service's user owning what it restores
        target.createDatabase("ledger_restored", "ledger");
        long restoring = System.nanoTime();
        programs.run(dir.resolve("pg_restore-external.log"), programs.bin("pg_restore"), "-h", "localhost",
                "-p", String.valueOf(target.port), "-U", "ledger", "-d", "ledger_restored",
                "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump.toString());
        progress("pg_restore %s into a new database: %d ms", programs.version,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoring));
        try (ConfigurableApplicationContext service = start(dir.resolve("external-restored-service"),
                "--spring.datasource.url=jdbc:postgresql://localhost:" + target.port + "/ledger_restored",
                "--spring.datasource.username=ledger", "--spring.datasource.password=ledger")) {
            assertTheSameLedgerTakingNewPostings(client(service));
        } finally {
            target.stop();
        }
    }

    private static void assertTheSameLedgerTakingNewPostings(LedgerClient client) throws Exception {
        // The chain verifies, ends where it ended, and contains the head kept at backup time.
        JsonNode verified = client.get("/api/v1/audit/verify?expectHead=" + backup.headHash).expect(200).body();
        assertThat(verified.path("valid").asBoolean()).as("%s", verified).isTrue();
        assertThat(verified.path("headHash").asText()).as("headHash").isEqualTo(backup.headHash);
        assertThat(verified.path("headSequence").asLong()).as("headSequence").isEqualTo(backup.headSequence);
        assertThat(verified.path("expectedHeadSequence").asLong()).as("expectedHeadSequence")
                .isEqualTo(backup.headSequence);
        assertThat(verified.path("checked").asLong()).as("checked").isEqualTo(backup.checked);
        assertThat(verified.path("pending").asLong()).as("pending").isZero();

        // The reports, balances and the audit trail: the same bytes.
        Map<String, String> reads = read(client, backup.headSequence);
        for (String path : READS) {
            assertThat(reads.get(path)).as("GET %s after the restore", path).isEqualTo(backup.reads.get(path));
        }

        // The receipts came back: a repeat is recognised and answered as the first time.
        LedgerClient.Answer repeat = client.post("/api/v1/expenditures", backup.expenditure);
        assertThat(repeat.status()).as("a repeat of a posting made before the backup: %s", repeat.body())
                .isEqualTo(200);
        assertThat(repeat.raw().body()).isEqualTo(backup.expenditureAnswer);
        Map<String, Object> changed = new LinkedHashMap<>(backup.expenditure);
        changed.put("amount", "1.00");
        assertThat(client.post("/api/v1/expenditures", changed).expect(409).code()).isEqualTo("ID_CONFLICT");

        // Posting goes on beyond the old head, and the chain grows from it.
        LedgerClient.Answer next = client.post("/api/v1/expenditures",
                expenditure("ZF2024-BACKUP-2", "200000.00", "2024-04-01")).expect(201);
        long sequence = next.body().path("sequence").asLong();
        assertThat(sequence).as("the sequence of the first posting after the restore").isGreaterThan(backup.headSequence);
        JsonNode indicator = client.get("/api/v1/indicators/" + INDICATOR + "?minSequence=" + sequence)
                .expect(200).body();
        assertThat(indicator.path("spent").asText()).as("spent after the new posting").isEqualTo("700000.00");
        JsonNode grown = awaitChainedUpTo(client, sequence);
        JsonNode still = client.get("/api/v1/audit/verify?expectHead=" + backup.headHash).expect(200).body();
        assertThat(still.path("valid").asBoolean()).as("%s", still).isTrue();
        assertThat(still.path("expectedHeadSequence").asLong()).isEqualTo(backup.headSequence);
        assertThat(grown.path("headHash").asText()).isNotEqualTo(backup.headHash);
        restoresVerified++;
    }

    /** Polls the chain verification until every event up to the sequence is linked and all verifies. */
    private static JsonNode awaitChainedUpTo(LedgerClient client, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + CHAIN_BOUND.toNanos();
        JsonNode verified;
        do {
            verified = client.get("/api/v1/audit/verify").expect(200).body();
            if (verified.path("pending").asLong() == 0 && verified.path("headSequence").asLong() >= sequence) {
                assertThat(verified.path("valid").asBoolean()).as("%s", verified).isTrue();
                return verified;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        } while (System.nanoTime() < deadline);
        return fail("the chain did not reach %d within %s: %s", sequence, CHAIN_BOUND, verified);
    }

    private static Map<String, String> read(LedgerClient client, long minSequence) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String path : READS) {
            String separator = path.contains("?") ? "&" : "?";
            bodies.put(path, client.get(path + separator + "minSequence=" + minSequence).expect(200).raw().body());
        }
        return bodies;
    }

    /** The indicator the single postings go to, with the document that appropriated it. */
    private static Map<String, Object> appropriation() {
        Map<String, Object> body = Postings.appropriation(INDICATOR, UNIT, "1000000.00");
        body.put("documentRef", "辽财指〔2024〕999号");
        return body;
    }

    private static Map<String, Object> expenditure(String id, String amount, String effectiveDate) {
        Map<String, Object> body = Postings.expenditure(id, INDICATOR, amount);
        body.put("effectiveDate", effectiveDate);
        body.put("voucherNo", "V-" + id);
        return body;
    }

    /** The repository's root: the test runs in ledger-api/. */
    private static Path repository() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("tools/backup/ledger-backup.sh"))) {
                return at;
            }
        }
        return fail("tools/backup/ledger-backup.sh not found above %s", Path.of("").toAbsolutePath());
    }

    private static int serverMajor(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }

    private static long tables(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void progress(String format, Object... arguments) {
        System.out.printf("BackupRestoreTest: " + format + "%n", arguments);
    }

    /** PostgreSQL's programs of one version, and how to run them here. */
    static final class Programs {
        private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(\\.\\d+)?");
        private static final List<String> NEEDED = List.of("initdb", "pg_ctl", "psql", "createdb", "pg_dump", "pg_restore");

        final Path bin;
        final String version;
        final int major;
        /** initdb and pg_ctl refuse to run as root; as root they run in a user namespace, as zonky does. */
        final List<String> asUnprivileged;

        private Programs(Path bin, String version, int major, List<String> asUnprivileged) {
            this.bin = bin;
            this.version = version;
            this.major = major;
            this.asUnprivileged = asUnprivileged;
        }

        static Programs find() throws Exception {
            String configured = Optional.ofNullable(System.getProperty("ledger.pg-bin"))
                    .orElse(System.getenv("LEDGER_PG_BIN"));
            Path bin;
            if (configured != null && !configured.isBlank()) {
                bin = Path.of(configured);
                List<String> missing = NEEDED.stream().filter(name -> !Files.isExecutable(bin.resolve(name))).toList();
                if (!missing.isEmpty()) {
                    fail("LEDGER_PG_BIN/ledger.pg-bin is %s, which lacks %s", bin, missing);
                }
            } else {
                bin = newestDebianBin().orElseGet(() -> fail("""
                        Backup and restore are tested with PostgreSQL's own programs (%s), and none were found \
                        in /usr/lib/postgresql/<major>/bin. On Debian or Ubuntu: apt-get install postgresql-15 \
                        (.ci/run does); elsewhere set LEDGER_PG_BIN to a bin directory holding them.""", NEEDED));
            }
            String printed = output(List.of(bin.resolve("pg_dump").toString(), "--version")).trim();
            Matcher matcher = VERSION.matcher(printed);
            if (!matcher.find()) {
                fail("cannot tell the version of %s from '%s'", bin.resolve("pg_dump"), printed);
            }
            List<String> prefix = List.of();
            if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
                if (Stream.of("/usr/bin/unshare", "/bin/unshare").noneMatch(p -> Files.isExecutable(Path.of(p)))) {
                    fail("running as root, initdb and pg_ctl need unshare (util-linux) to run unprivileged");
                }
                prefix = List.of("unshare", "-U");
            }
            return new Programs(bin, printed.substring(printed.indexOf("(PostgreSQL) ") + 13),
                    Integer.parseInt(matcher.group(1)), prefix);
        }

        private static Optional<Path> newestDebianBin() throws IOException {
            Path root = Path.of("/usr/lib/postgresql");
            if (!Files.isDirectory(root)) {
                return Optional.empty();
            }
            try (Stream<Path> versions = Files.list(root)) {
                return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .map(v -> v.resolve("bin"))
                        .filter(bin -> NEEDED.stream().allMatch(name -> Files.isExecutable(bin.resolve(name))))
                        .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
            }
        }

        String bin(String program) {
            return bin.resolve(program).toString();
        }

        /** Runs a program to its end (at most two minutes), its output to the log; fails on a non-zero exit. */
        void run(Path log, String... command) throws Exception {
            run(log, Map.of(), command);
        }

        void run(Path log, Map<String, String> environment, String... command) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // nothing of the caller's libpq settings (PGHOST, PGPORT, PGUSER, PGPASSWORD, ...) applies
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s did not finish within 2 minutes: %s", String.join(" ", command), tail(log));
            }
            if (process.exitValue() != 0) {
                fail("%s exited with %d: %s", String.join(" ", command), process.exitValue(), tail(log));
            }
        }

        void runUnprivileged(Path log, String... command) throws Exception {
            List<String> full = new ArrayList<>(asUnprivileged);
            full.addAll(List.of(command));
            run(log, full.toArray(String[]::new));
        }

        private static String output(List<String> command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return text;
        }
    }

    /** A PostgreSQL cluster of those programs in a directory of its own, on a free port of localhost. */
    static final class Cluster {
        private final Programs programs;
        private final Path data;
        private final Path log;
        final int port;
        private boolean running;

        private Cluster(Programs programs, Path data, Path log, int port) {
            this.programs = programs;
            this.data = data;
            this.log = log;
            this.port = port;
        }

        /** initdb (superuser postgres, trust, UTF-8) into the directory, then pg_ctl start; output to the log. */
        static Cluster create(Programs programs, Path data, Path log) throws Exception {
            Files.createDirectories(data.getParent());
            Cluster cluster = new Cluster(programs, data, log, freePort());
            programs.runUnprivileged(log, programs.bin("initdb"), "-D", data.toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF-8", "--locale=C.UTF-8");
            programs.runUnprivileged(log, programs.bin("pg_ctl"), "-D", data.toString(), "-l", log.toString(),
                    "-w", "-t", "60",
                    "-o", "-p " + cluster.port + " -c listen_addresses=localhost -c unix_socket_directories=",
                    "start");
            cluster.running = true;
            return cluster;
        }

        /** A login role and an empty database it owns, as createuser/createdb would make them. */
        void createDatabase(String database, String owner) throws Exception {
            programs.run(log, programs.bin("psql"), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                    "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c",
                    "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + owner + "') THEN "
                            + "CREATE ROLE " + owner + " LOGIN PASSWORD '" + owner + "'; END IF; END$$");
            programs.run(log, programs.bin("createdb"), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                    "-O", owner, database);
        }

        void stop() throws Exception {
            if (running) {
                programs.runUnprivileged(log, programs.bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop");
                running = false;
            }
        }

        void stopQuietly() {
            try {
                stop();
            } catch (Throwable e) {
                System.err.println("BackupRestoreTest: could not stop the PostgreSQL in " + data + ": " + e);
            }
        }
    }
}
