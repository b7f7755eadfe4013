package cn.gov.ledger.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Watches the read model fill during the rebuild: when its first rows appear, and at which event. */
final class RebuildMonitor implements Runnable {

    /** The database the read model is in, opened anew after a failed attempt (the service may still be starting). */
    interface Target {
        Database open() throws Exception;
    }

    private final Target target;
    volatile boolean stop;
    /** System.nanoTime() when the read model's first rows were seen; 0 until then. */
    volatile long firstSeenAt;
    /** Movements already in the read model when its first rows were seen (one per event here). */
    volatile long firstSeenRows;

    RebuildMonitor(Target target) {
        this.target = target;
    }

    @Override
    public void run() {
        while (!stop) {
            try (Connection c = target.open().connect(); Statement s = c.createStatement()) {
                while (!stop) {
                    try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM rm_movement)")) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            long at = System.nanoTime();
                            try (ResultSet count = s.executeQuery("SELECT count(*) FROM rm_movement")) {
                                count.next();
                                firstSeenRows = count.getLong(1);
                            }
                            firstSeenAt = at;
                            return;
                        }
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception notYet) {
                // the service's PostgreSQL or its tables are not there yet
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
