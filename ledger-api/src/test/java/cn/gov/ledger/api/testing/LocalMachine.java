package cn.gov.ledger.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the tests that run PostgreSQL or the service in processes of their own need of the machine. */
public final class LocalMachine {

    private LocalMachine() {
    }

    /** A port of localhost nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Deletes the directory and everything in it. */
    public static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The log's name and its last 3000 characters, for a failure's message. */
    public static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return log + ":\n" + text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
