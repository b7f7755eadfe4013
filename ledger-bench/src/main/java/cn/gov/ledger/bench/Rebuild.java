package cn.gov.ledger.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Figure 5: the service stopped, its read models emptied, and started again to replay every event
 * into them, beside a sequential JDBC read of the event table; then the read model is checked
 * against the events and the service stopped for good.
 */
final class Rebuild {

    private final BenchOptions o;
    private final Report report;
    private final Service service;
    private final Progress progress;
    private final Footprint footprint;

    Rebuild(BenchOptions o, Report report, Service service, Progress progress, Footprint footprint) {
        this.o = o;
        this.report = report;
        this.service = service;
        this.progress = progress;
        this.footprint = footprint;
    }

    /** Runs the rebuild and returns what {@code verifier} found wrong with the rebuilt read model. */
    List<String> run(Verifier verifier) throws Exception {
        service.process.stop();
        Baselines.Timed read;
        long events;
        Database.Offline offline = o.jdbcUrl == null ? new Database.Offline(service.dataDir) : null;
        try {
            Database offlineDb = offline != null ? offline.database : service.db;
            progress.step("   baseline: sequential read of the event table");
            read = Baselines.sequentialRead(offlineDb);
            progress.step("   resetting the read models");
            events = resetReadModels(offlineDb);
        } finally {
            if (offline != null) {
                offline.close();
            }
        }

        progress.step("   starting the service again");
        long launched = System.nanoTime();
        service.relaunch();
        RebuildMonitor monitor = new RebuildMonitor(() -> o.jdbcUrl != null ? service.db
                : Database.embedded(service.process.embeddedPostgresPort(Duration.ofSeconds(60))));
        Thread watcher = new Thread(monitor, "rebuild-monitor");
        watcher.setDaemon(true);
        watcher.start();
        service.process.awaitHealthy();
        double up = (System.nanoTime() - launched) / 1e9;
        service.reconnect();
        service.process.awaitCaughtUp(Duration.ofMinutes(60));
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

        progress.step(String.format(Locale.ROOT, "   %.0f events/s; checking the read model", rate));
        List<String> problems = verifier.readModel();
        footprint.afterRebuild(service.process.memory);
        service.stop();
        footprint.report();
        return problems;
    }

    /** Empties every read model and its tracking token, so that the service replays all events; returns their count. */
    private static long resetReadModels(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("DELETE FROM token_entry WHERE processor_name = 'balances'");
            s.executeUpdate("TRUNCATE rm_movement, rm_movement_key, rm_indicator, rm_year_total, rm_known_sum");
            s.executeUpdate("DELETE FROM rm_known_checkpoint WHERE checkpoint > 0");
            s.executeUpdate("UPDATE rm_known_checkpoint SET movements_after = 0, keys = 0");
            c.commit();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
