package cn.gov.ledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The PostgreSQL the service runs on, reached directly over JDBC for baselines and checks. */
record Database(String url, String user, String password) {

    record Address(String host, int port, String database) {
    }

    /** The service's embedded PostgreSQL on its port (trust authentication, user postgres). */
    static Database embedded(int port) {
        return new Database("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    Address address() {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new Address(uri.getHost() == null ? "localhost" : uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                path);
    }

    /**
     * The embedded data directory opened while the service is stopped, with the same PostgreSQL
     * binaries the service uses; close it before the service starts again.
     */
    static final class Offline implements AutoCloseable {
        private final EmbeddedPostgres postgres;
        final Database database;

        Offline(Path dataDir) throws Exception {
            this.postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("postgres").toFile())
                    .setCleanDataDirectory(false)
                    .start();
            this.database = embedded(postgres.getPort());
        }

        @Override
        public void close() throws Exception {
            postgres.close();
        }
    }
}
