package cn.gov.ledger.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection of one client thread, written by hand: the single postings'
 * load generator. java.net.http's client, with its selector thread and futures per request, took
 * a large share of the two cores the service and PostgreSQL share with the bench, so the figure
 * measured the client as much as the service. Reads what the service answers: a status line,
 * headers, and a body by Content-Length or chunked. A failed or closed connection is opened again
 * on the next request.
 */
final class PlainHttp implements AutoCloseable {

    /** A status and, for anything but 2xx, the body (a problem to read the code of). */
    record Answer(int status, String body) {
    }

    private final String host;
    private final int port;
    private final byte[] head;
    private final int timeoutMillis;
    /** The answer's bytes as read: {@code buffer[next..filled)} is not parsed yet. */
    private final byte[] buffer = new byte[16384];
    private int next;
    private int filled;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** POSTs of JSON to {@code path} with this authorization. */
    PlainHttp(int port, String path, String authorization, int timeoutMillis) {
        this.host = "127.0.0.1";
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: "
                + authorization + "\r\nContent-Type: application/json\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    Answer post(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            if (socket == null) {
                connect();
            }
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(body, 0, request, head.length + length.length, body.length);
            out.write(request);
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        next = 0;
        filled = 0;
    }

    private Answer read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                copy(size, body);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            copy(length, body);
        }
        if (closes) {
            close();
        }
        return new Answer(status, status / 100 == 2 ? null : body.toString(StandardCharsets.UTF_8));
    }

    /** Reads more of the answer into the buffer, after what is not parsed yet. */
    private void fill() throws IOException {
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, filled - next);
            filled -= next;
            next = 0;
        }
        if (filled == buffer.length) {
            throw new IOException("a line of the answer is longer than " + buffer.length + " bytes");
        }
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
            throw new EOFException("the connection closed");
        }
        filled += n;
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        while (n > 0) {
            if (next == filled) {
                fill();
            }
            int chunk = (int) Math.min(n, filled - next);
            to.write(buffer, next, chunk);
            next += chunk;
            n -= chunk;
        }
    }

    /** The next line of the answer, without its CR LF. */
    private String line() throws IOException {
        for (int scanned = next; ; ) {
            for (; scanned < filled; scanned++) {
                if (buffer[scanned] == '\n') {
                    int end = scanned > next && buffer[scanned - 1] == '\r' ? scanned - 1 : scanned;
                    String line = new String(buffer, next, end - next, StandardCharsets.ISO_8859_1);
                    next = scanned + 1;
                    return line;
                }
            }
            int parsed = scanned - next;
            fill();
            scanned = next + parsed;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            socket = null;
        }
    }
}
