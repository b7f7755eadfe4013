package cn.gov.ledger.api.infrastructure.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one PostgreSQL notification channel ({@code LISTEN}) on a connection of its own, in a
 * thread of its own. Its subscriber hears when it starts listening, each notification, and when the
 * connection is lost (then it reconnects every second): notifications sent while it was not
 * listening are lost, so a subscriber must not trust what it learnt before {@link Subscriber#listening()}.
 */
public final class NotificationListener implements AutoCloseable {

    /** What the listener tells; called from its thread. */
    public interface Subscriber {
        /** Listening from now on: every later commit's notification will be heard. */
        void listening();

        void notified(String payload);

        /** Not listening any more, until the next {@link #listening()}. */
        void lost();
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final String channel;
    private final Subscriber subscriber;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param channel a plain identifier (letters, digits, '_') */
    public NotificationListener(DataSource dataSource, String channel, Subscriber subscriber) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.subscriber = subscriber;
        this.thread = new Thread(this::run, "listen-" + channel);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                try {
                    listen(connection.unwrap(PGConnection.class));
                } finally {
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                subscriber.lost();
                if (running) {
                    log.warn("Lost the LISTEN connection of {}; reconnecting: {}", channel, e.toString());
                    pause();
                }
            }
        }
    }

    private void listen(PGConnection postgres) throws SQLException {
        subscriber.listening();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    subscriber.notified(notification.getParameter());
                }
            }
        }
    }

    /** The connection goes back to the pool: it must not go on collecting notifications there. */
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException brokenAlready) {
            log.debug("UNLISTEN failed on a broken connection", brokenAlready);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2 * WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
