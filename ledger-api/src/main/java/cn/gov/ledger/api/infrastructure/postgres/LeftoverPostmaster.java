package cn.gov.ledger.api.infrastructure.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL that a killed run of the service left behind on its data directory.
 *
 * <p>Why it is needed: zonky starts PostgreSQL with {@code pg_ctl start}, which runs the postmaster
 * in a session of its own. When the service's JVM dies without its shutdown hooks (SIGKILL, the OOM
 * killer), that postmaster keeps running as an orphan and keeps {@code postmaster.pid} in the data
 * directory. The next start's {@code pg_ctl} then fails with "lock file postmaster.pid already
 * exists", zonky gives up after its startup wait, and the service does not come up (only the start
 * after that one would work, because the failed one stops the orphan on its way out). zonky's own
 * lock, {@code epg-lock}, is an OS file lock that ends with the JVM: it is no obstacle, and it tells
 * whether a live service still owns the directory.
 */
public final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    /** Smart shutdown ends when the last client has gone, and the old clients died with their JVM. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private LeftoverPostmaster() {
    }

    /** Before starting PostgreSQL on {@code dataDirectory}: stops a postmaster still running on it. */
    public static void stopIfRunning(Path dataDirectory) throws IOException {
        Path zonkyLock = dataDirectory.resolve("epg-lock");
        if (!Files.exists(dataDirectory.resolve("postmaster.pid")) || !Files.exists(zonkyLock)) {
            return; // nothing left running (and a new directory must stay empty for initdb)
        }
        // zonky's epg-lock is held by the JVM of a live service on this directory; only when nobody
        // holds it is a running postmaster an orphan. A second service started by mistake on the same
        // directory must fail (as zonky makes it), not stop the first one's database.
        try (FileChannel channel = FileChannel.open(zonkyLock, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                log.warn("Another running service holds {}; leaving its PostgreSQL alone", dataDirectory);
                return;
            }
            stopOrphan(dataDirectory);
        } catch (OverlappingFileLockException e) {
            log.warn("This JVM runs a PostgreSQL on {} already; leaving it alone", dataDirectory);
        }
    }

    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> process = pidIn(pidFile).filter(pid -> pid > 0).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // no file, or its process is gone: PostgreSQL itself passes over such a stale file
        }
        ProcessHandle postmaster = process.get();
        Optional<String> command = postmaster.info().command();
        if (command.isEmpty()) {
            log.warn("{} names PID {}, which cannot be inspected; leaving it to PostgreSQL", pidFile, postmaster.pid());
            return;
        }
        if (!runsOn(postmaster, command.get(), dataDirectory)) {
            // The PID now belongs to some other process (PIDs are reused, in containers often the same
            // ones): PostgreSQL would take it for a running server and refuse to start, every time.
            log.warn("{} names PID {}, which is {}, not a PostgreSQL of this directory: removing the stale file",
                    pidFile, postmaster.pid(), command.get());
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("A PostgreSQL left running by an earlier run that did not shut down (PID {}) still uses {};"
                + " stopping it before starting a new one", postmaster.pid(), dataDirectory);
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown, with a checkpoint
        if (!exited(postmaster, SHUTDOWN_WAIT)) {
            log.warn("PostgreSQL (PID {}) did not stop within {}; killing it (the next start recovers from the WAL)",
                    postmaster.pid(), SHUTDOWN_WAIT);
            all.forEach(ProcessHandle::destroyForcibly);
        }
        // Backends of a killed postmaster still hold its shared memory for a moment, and PostgreSQL
        // refuses to start while they do: wait for every process of the old server to be gone.
        for (ProcessHandle p : all) {
            if (!exited(p, KILL_WAIT)) {
                throw new IllegalStateException("PostgreSQL process " + p.pid() + " on " + dataDirectory
                        + " does not stop; stop it, then start the service again");
            }
        }
        log.info("The leftover PostgreSQL on {} has stopped", dataDirectory);
    }

    /** The postgres executable, started with {@code -D} on this very directory. */
    private static boolean runsOn(ProcessHandle process, String command, Path dataDirectory) {
        String name = Path.of(command).getFileName().toString();
        if (!name.equals("postgres") && !name.equals("postgres.exe")) {
            return false;
        }
        String[] arguments = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D") && sameFile(Path.of(arguments[i + 1]), dataDirectory)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The first line of postmaster.pid is the postmaster's PID. */
    private static Optional<Long> pidIn(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean exited(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
