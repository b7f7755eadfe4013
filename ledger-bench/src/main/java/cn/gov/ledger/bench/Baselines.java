package cn.gov.ledger.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.PGConnection;

/**
 * What the same PostgreSQL does without the service: one comparable row per transaction from
 * the same number of connections, pgbench doing the same where it is installed, COPY of as many
 * rows as the batch load posted, and a sequential read of the event table with the service's
 * own deserialization.
 *
 * <p>A comparable row is what an expenditure posting amounts to in one table: a generated key,
 * the posting's id under a unique index, its indicator, amount, economic code and date, and the
 * posting's JSON as it came over the wire.
 */
final class Baselines {

    static final String TABLE = "bench_raw_posting";

    private Baselines() {
    }

    static void createTable(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGSERIAL PRIMARY KEY,"
                    + " posting_id VARCHAR(200) NOT NULL UNIQUE, indicator_id VARCHAR(200) NOT NULL,"
                    + " amount BIGINT NOT NULL, economic_code VARCHAR(5), effective_date DATE NOT NULL,"
                    + " payload TEXT NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            s.execute("TRUNCATE " + TABLE);
        }
    }

    static void dropTable(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    /** Raw JDBC: each client its own connection, one INSERT per transaction (autocommit). */
    static ClosedLoop.Result rawInserts(String name, Database db, int clients, Duration duration, Series series)
            throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            ClosedLoop.Result result = ClosedLoop.run(name, clients, duration, index -> {
                Connection c = db.connect();
                synchronized (connections) {
                    connections.add(c);
                }
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                        + " (posting_id, indicator_id, amount, economic_code, effective_date, payload)"
                        + " VALUES (?, ?, ?, ?, ?::date, ?)");
                return recorder -> {
                    int k = series.next.getAndIncrement();
                    String body = series.body(k);
                    insert.setString(1, series.id(k));
                    insert.setString(2, series.indicator(k));
                    insert.setLong(3, Series.fen(k));
                    insert.setString(4, body.substring(body.indexOf("economicCode\":\"") + 15,
                            body.indexOf("economicCode\":\"") + 20));
                    insert.setString(5, body.substring(body.indexOf("effectiveDate\":\"") + 16,
                            body.indexOf("effectiveDate\":\"") + 26));
                    insert.setString(6, body);
                    insert.executeUpdate();
                    return ClosedLoop.Outcome.OK;
                };
            });
            return result;
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    record PgBench(double tps, double latencyAverageMs, String output) {
    }

    /** pgbench with the same INSERT, clients and duration; null where pgbench is not installed. */
    static PgBench pgbench(Database db, int clients, Duration duration, Path workDir) throws Exception {
        Path pgbench = onPath("pgbench");
        if (pgbench == null) {
            return null;
        }
        Database.Address address = db.address();
        Path script = workDir.resolve("pgbench-insert.sql");
        Files.writeString(script, """
                \\set k random(1, 1000000000)
                INSERT INTO bench_raw_posting (posting_id, indicator_id, amount, economic_code, effective_date, payload) VALUES ('pgb-' || gen_random_uuid(), 'W-' || (:k % 1000), 100 + :k % 9900, '30201', DATE '2024-01-01' + (:k % 366), '{"expenditureId":"pgb","indicatorId":"W-1","amount":"12.34","economicCode":"30201","effectiveDate":"2024-03-05"}');
                """);
        ProcessBuilder builder = new ProcessBuilder(pgbench.toString(), "-n", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Long.toString(Math.max(1, duration.toSeconds())), "-f", script.toString(),
                "-h", address.host(), "-p", Integer.toString(address.port()), "-U", db.user(), address.database())
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            return new PgBench(Double.NaN, Double.NaN, output);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(output);
        return new PgBench(tps.find() ? Double.parseDouble(tps.group(1)) : Double.NaN,
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN, output);
    }

    /** What wrk measured: requests/s and the answers that were neither 2xx nor 3xx. */
    record Wrk(double perSecond, long failed, String output) {
    }

    /**
     * GETs by wrk where it is installed (null where not): a load generator in C, so that a read
     * this cheap is measured by the service's capacity rather than by a Java client's on the same
     * two cores.
     */
    static Wrk wrk(String url, int connections, Duration duration, String... headers) throws Exception {
        Path wrk = onPath("wrk");
        if (wrk == null) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t", "2", "-c", Integer.toString(connections),
                "-d", Math.max(1, duration.toSeconds()) + "s"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            return new Wrk(Double.NaN, -1, output);
        }
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        Matcher failed = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)").matcher(output);
        return new Wrk(rate.find() ? Double.parseDouble(rate.group(1)) : Double.NaN,
                failed.find() ? Long.parseLong(failed.group(1)) : 0, output);
    }

    record Timed(long rows, double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    /** COPY ... FROM STDIN of {@code rows} comparable rows in one stream, generated as it goes. */
    static Timed copy(Database db, Series series, int rows) throws Exception {
        try (Connection c = db.connect()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            Reader source = new Reader() {
                int k;
                String pending = "";
                int offset;

                @Override
                public int read(char[] buffer, int off, int len) {
                    int written = 0;
                    while (written < len) {
                        if (offset == pending.length()) {
                            if (k >= rows) {
                                break;
                            }
                            pending = row(series, k++);
                            offset = 0;
                        }
                        int n = Math.min(len - written, pending.length() - offset);
                        pending.getChars(offset, offset + n, buffer, off + written);
                        offset += n;
                        written += n;
                    }
                    return written == 0 ? -1 : written;
                }

                @Override
                public void close() {
                }
            };
            long start = System.nanoTime();
            long copied = pg.getCopyAPI().copyIn("COPY " + TABLE
                    + " (posting_id, indicator_id, amount, economic_code, effective_date, payload) FROM STDIN", source,
                    64 * 1024);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Timed(copied, seconds);
        }
    }

    private static String row(Series series, int k) {
        String body = series.body(k);
        int economic = body.indexOf("economicCode\":\"") + 15;
        int date = body.indexOf("effectiveDate\":\"") + 16;
        return series.id(k) + '\t' + series.indicator(k) + '\t' + Series.fen(k) + '\t'
                + body.substring(economic, economic + 5) + '\t' + body.substring(date, date + 10) + '\t' + body + '\n';
    }

    /** The service's event serializer (AxonConfiguration): Jackson on fields only, java.time. */
    static Serializer serviceSerializer() {
        ObjectMapper fieldsOnly = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .build();
        return JacksonSerializer.builder().objectMapper(fieldsOnly).build();
    }

    /**
     * Reads the whole event table in global order through a cursor and deserializes every payload
     * into its ledger-core event class and every time stamp, as the read models' processor does.
     */
    static Timed sequentialRead(Database db) throws Exception {
        Serializer serializer = serviceSerializer();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long n = 0;
            long check = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT global_index, payload_type, payload_revision,"
                    + " payload, time_stamp FROM domain_event_entry ORDER BY global_index")) {
                select.setFetchSize(1000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Object event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(4), byte[].class,
                                rs.getString(2), rs.getString(3)));
                        Instant recordedAt = Instant.parse(rs.getString(5));
                        check += event.hashCode() + recordedAt.getNano() + rs.getLong(1);
                        n++;
                    }
                }
            }
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (check == 42) {
                System.out.print("");
            }
            return new Timed(n, seconds);
        }
    }

    static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
