package cn.gov.ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The service under measurement and the bench's ways into it: its process, its database and two
 * HTTP clients. The rebuild stops and relaunches the process, so steps read these fields when
 * they use them rather than keep their own copies.
 */
final class Service {

    private static final String ADMIN_KEY_PREFIX = "bench-admin-key-";

    private final BenchOptions o;
    private final String apiKey = ADMIN_KEY_PREFIX + Long.toHexString(new Random().nextLong());
    final Path dataDir;
    final Path log;

    ServiceProcess process;
    Database db;
    LedgerHttp http;
    /** For requests that may take minutes: batches, and reads over the whole loaded department. */
    LedgerHttp batchHttp;

    Service(BenchOptions o) {
        this.o = o;
        this.dataDir = o.workDir.resolve("data");
        this.log = o.workDir.resolve("service.log");
    }

    /** An empty data directory and no log: each run starts from nothing. */
    void prepareWorkDir() throws IOException {
        if (Files.exists(dataDir)) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(o.workDir);
        Files.deleteIfExists(log);
    }

    void start(Report report) throws Exception {
        long t = System.nanoTime();
        process = ServiceProcess.start(o, dataDir, log, apiKey);
        report.details.add(String.format(Locale.ROOT, "service started (health UP) in %.1f s, log %s",
                (System.nanoTime() - t) / 1e9, log));
        db = o.jdbcUrl != null ? new Database(o.jdbcUrl, o.user, o.password)
                : Database.embedded(process.embeddedPostgresPort(Duration.ofSeconds(30)));
        http = new LedgerHttp(process.port(), apiKey, Duration.ofSeconds(60));
        batchHttp = new LedgerHttp(process.port(), apiKey, Duration.ofMinutes(10));
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            report.machine += ", " + rs.getString(1).replaceAll(" on .*", "")
                    + (o.jdbcUrl == null ? " (the service's embedded one)" : " (given)");
        }
    }

    /** Starts the process again on the same data, without waiting for it. */
    void relaunch() throws Exception {
        process = ServiceProcess.launch(o, dataDir, log, apiKey);
    }

    /** Once the relaunched process is healthy: its database (a new port when embedded) and its HTTP port. */
    void reconnect() throws Exception {
        if (o.jdbcUrl == null) {
            db = Database.embedded(process.embeddedPostgresPort(Duration.ofSeconds(30)));
        }
        http = new LedgerHttp(process.port(), apiKey, Duration.ofSeconds(60));
    }

    /**
     * Waits until the read models and the event chain have caught up with what the service was
     * sent: a baseline round measured while they still work beside it would be slowed by them.
     */
    void awaitQuiet() throws Exception {
        process.awaitCaughtUp(Duration.ofMinutes(60));
        process.awaitChained(Duration.ofMinutes(10));
    }

    void stop() throws Exception {
        process.stop();
        process = null;
    }

    void close() throws Exception {
        if (process != null) {
            process.close();
        }
    }
}
