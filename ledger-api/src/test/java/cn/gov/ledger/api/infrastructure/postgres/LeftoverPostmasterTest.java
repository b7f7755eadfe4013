package cn.gov.ledger.api.infrastructure.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of a postmaster.pid that names no PostgreSQL of its directory. The orphaned PostgreSQL
 * of a killed service itself is stopped in {@code CrashSafetyIT}, against the real jar.
 */
class LeftoverPostmasterTest {

    @TempDir
    Path directory;

    @Test
    void aNewDirectoryStaysEmptyForInitdb() throws Exception {
        LeftoverPostmaster.stopIfRunning(directory);

        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aPidFileWhosePidIsNowAnotherProgramIsRemoved() throws Exception {
        Files.createFile(directory.resolve("epg-lock"));
        pidFile(ProcessHandle.current().pid()); // a java, not a postgres

        LeftoverPostmaster.stopIfRunning(directory);

        assertThat(directory.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void aPidFileOfAGoneProcessIsLeftToPostgreSql() throws Exception {
        Files.createFile(directory.resolve("epg-lock"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        pidFile(gone.pid());

        LeftoverPostmaster.stopIfRunning(directory);

        assertThat(directory.resolve("postmaster.pid")).exists();
    }

    @Test
    void aDirectoryWhoseLockIsHeldIsNotTouched() throws Exception {
        pidFile(ProcessHandle.current().pid());
        try (FileChannel channel = FileChannel.open(directory.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            LeftoverPostmaster.stopIfRunning(directory);
        }

        assertThat(directory.resolve("postmaster.pid")).exists();
    }

    /** postmaster.pid as PostgreSQL writes it: PID, directory, start time, port, socket dir, host, shmem, status. */
    private void pidFile(long pid) throws Exception {
        Files.writeString(directory.resolve("postmaster.pid"), pid + "\n" + directory + "\n1700000000\n5432\n/tmp\n"
                + "localhost\n  5432001         1\nready   \n");
    }
}
