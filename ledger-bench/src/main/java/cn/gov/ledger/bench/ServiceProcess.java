package cn.gov.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The service as a child process: {@code java -jar ledger-api.jar} on a free port with its own
 * data directory (its embedded PostgreSQL lives in {@code <data-dir>/postgres}) or a given
 * PostgreSQL. Once it is healthy, {@link ServiceMemory} samples its heap.
 */
final class ServiceProcess implements AutoCloseable {

    /** Counts launches: {@code @LAUNCH@} in a JVM option becomes the launch's number (e.g. for JFR files). */
    private static final AtomicLong LAUNCHES = new AtomicLong();

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;
    private final LedgerHttp http;
    final ServiceMemory memory;

    private ServiceProcess(Process process, int port, Path dataDir, Path log, String apiKey) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.http = new LedgerHttp(port, apiKey, Duration.ofSeconds(30));
        this.memory = new ServiceMemory(process, http);
    }

    static ServiceProcess start(BenchOptions options, Path dataDir, Path log, String apiKey) throws Exception {
        ServiceProcess service = launch(options, dataDir, log, apiKey);
        service.awaitHealthy();
        return service;
    }

    /** Starts the process without waiting for it; {@link #awaitHealthy()} then waits. */
    static ServiceProcess launch(BenchOptions options, Path dataDir, Path log, String apiKey) throws Exception {
        if (!Files.isRegularFile(options.jar)) {
            throw new IllegalStateException("the service jar " + options.jar + " does not exist: build it first with"
                    + " ./mvnw -B -q -DskipTests package (from the repository root)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        long launch = LAUNCHES.incrementAndGet();
        options.serviceJvmOptions.forEach(option -> command.add(option.replace("@LAUNCH@", Long.toString(launch))));
        command.add("-jar");
        command.add(options.jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.add("--ledger.data-dir=" + dataDir.toAbsolutePath());
        if (options.jdbcUrl != null) {
            command.add("--spring.datasource.url=" + options.jdbcUrl);
            command.add("--spring.datasource.username=" + options.user);
            command.add("--spring.datasource.password=" + options.password);
        }
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LEDGER_ADMIN_API_KEY", apiKey);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        ServiceProcess service = new ServiceProcess(builder.start(), port, dataDir, log, apiKey);
        Runtime.getRuntime().addShutdownHook(new Thread(service::kill));
        return service;
    }

    /** Waits until health is UP, then starts sampling heap and RSS. */
    void awaitHealthy() throws Exception {
        awaitHealthy(Duration.ofMinutes(4));
        memory.startSampling();
    }

    int port() {
        return port;
    }

    /** The port of the embedded PostgreSQL, from its postmaster.pid (fourth line). */
    int embeddedPostgresPort(Duration wait) throws Exception {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (Files.isRegularFile(pidFile)) {
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
                if (lines.size() >= 4 && !lines.get(3).isBlank()) {
                    return Integer.parseInt(lines.get(3).trim());
                }
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("no embedded PostgreSQL port in " + pidFile);
            }
            Thread.sleep(50);
        }
    }

    /** The health answer (200 or 503), or null while the service does not answer yet. */
    JsonNode health() {
        try {
            HttpResponse<String> response = http.get("/actuator/health");
            return LedgerHttp.parse(response.body());
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void awaitHealthy(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; its log:\n"
                        + tail(log, 60));
            }
            JsonNode health = health();
            if (health != null && "UP".equals(health.path("status").asText())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not healthy within " + wait + "; its log:\n" + tail(log, 60));
    }

    /**
     * Waits until the read models' processor has handled every event in the store: health's
     * {@code processors.lag} is 0 and the processed sequence is the head. Answers the head.
     */
    long awaitCaughtUp(Duration wait) throws Exception {
        return awaitProcessors(wait, "the read models", details -> details.path("lag").asLong(-1) == 0
                && details.path("processedSequence").asLong() == details.path("headSequence").asLong(), "headSequence");
    }

    /**
     * Waits until the event chain has linked every event (health's {@code chainLag} 0): under a
     * stream of batches it lags behind, and reads are measured without it catching up beside them.
     */
    long awaitChained(Duration wait) throws Exception {
        return awaitProcessors(wait, "the event chain", details -> details.path("chainLag").asLong(-1) == 0,
                "chainedSequence");
    }

    /** Polls health's processors until {@code done}; answers the detail {@code answer} then. */
    private long awaitProcessors(Duration wait, String what, Predicate<JsonNode> done, String answer)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = processorDetails();
            if (details != null && done.test(details)) {
                return details.path(answer).asLong();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the service died; its log:\n" + tail(log, 60));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " did not catch up within " + wait + ": " + processorDetails());
    }

    JsonNode processorDetails() {
        JsonNode health = health();
        return health == null ? null : health.path("components").path("processors").path("details");
    }

    /** SIGTERM and wait (graceful shutdown stops the embedded PostgreSQL too). */
    void stop() throws Exception {
        memory.stopSampling();
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (dataDir != null) {
            Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.exists(pidFile) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
    }

    private void kill() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
