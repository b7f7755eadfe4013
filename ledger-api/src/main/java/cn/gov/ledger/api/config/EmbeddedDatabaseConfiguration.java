package cn.gov.ledger.api.config;

import cn.gov.ledger.api.infrastructure.postgres.LeftoverPostmaster;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code spring.datasource.url}, the service runs a real
 * PostgreSQL 17 of its own whose data lives in {@code <ledger.data-dir>/postgres} and survives
 * restarts, including a kill of the service at any moment (the next start stops the PostgreSQL the
 * killed one left running). Given a URL, none of this starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(LedgerProperties properties) throws IOException {
        Path directory = properties.dataDir().toAbsolutePath().resolve("postgres");
        Files.createDirectories(directory);
        // A run killed with SIGKILL leaves its PostgreSQL running on the directory, which would
        // make this start fail: stop that one first (see LeftoverPostmaster).
        LeftoverPostmaster.stopIfRunning(directory);
        log.info("Starting the embedded PostgreSQL with its data in {}", directory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory.toFile())
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100")
                // zonky turns synchronous_commit off and starts PostgreSQL with -F (fsync off), which
                // suit throwaway test databases: a crash of PostgreSQL could then lose commits already
                // answered, and a crash of the machine could also corrupt the database. A posting is
                // acknowledged only once its transaction is on disk. (-c options follow -F, so win.)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                // reports aggregate some 10^5 rows; PostgreSQL's default of 4MB sorts them on disk
                .setServerConfig("work_mem", "32MB")
                // Starting a parallel worker (a new process, its caches cold) costs more than a short
                // read saves: with PostgreSQL's default setup cost (1000) a dashboard's read of a few
                // thousand pages goes parallel and is slower for it. 10000 leaves parallel scans to
                // reads of the whole journal (knownAt).
                .setServerConfig("parallel_setup_cost", "10000")
                // After a crash PostgreSQL replays its WAL before it accepts connections; zonky's
                // default of 10 s is too short for that on a slow or busy machine.
                .setPGStartupWait(Duration.ofSeconds(60))
                // Stopped by this bean's close, after the processors and the connection pool. zonky's
                // own JVM shutdown hook would run beside Spring's and stop PostgreSQL under the running
                // processors: every stop would wait out Axon's shutdown timeout, log failed connections
                // and retries, and leave the processors' claims on their tokens.
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${spring.datasource.hikari.maximum-pool-size:40}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(poolSize);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setPoolName("ledger-embedded");
        return new HikariDataSource(config);
    }
}
