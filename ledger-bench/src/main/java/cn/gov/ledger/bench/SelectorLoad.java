package cn.gov.ledger.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The single postings' load generator: closed-loop clients, each sending its next request over a
 * keep-alive HTTP/1.1 connection of its own as soon as the last one is answered, all driven by one
 * thread over a selector, as wrk drives its connections. A thread per client blocked in a socket
 * read costs a poll and a wake-up per request, CPU taken from the two cores the bench shares with
 * the service and PostgreSQL. Answers are read whole ({@link HttpAnswer}); a connection that fails,
 * closes or times out is opened again for the next request.
 */
final class SelectorLoad {

    /** One client's requests, and what becomes of their answers. */
    interface Client {
        /** The next request, whole: a retry's again after an answer that asks for it. */
        byte[] request();

        /** An answer: its status and, for anything but 2xx, its body. */
        ClosedLoop.Outcome answered(int status, String body, ClosedLoop.Recorder recorder);

        /** No answer: the connection failed, closed or timed out. */
        ClosedLoop.Outcome failed(IOException e, ClosedLoop.Recorder recorder);
    }

    /** The head of a POST of JSON, up to the Content-Length's value. */
    static byte[] postHead(int port, String path, String authorization) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole POST: the head of {@link #postHead}, the body's length and the body. */
    static byte[] post(byte[] head, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + length.length + body.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        return request;
    }

    private final InetSocketAddress address;
    private final Duration timeout;
    private final Selector selector;
    private final Map<String, LongAdder> codes = new HashMap<>();
    private final ClosedLoop.Recorder recorder = new ClosedLoop.Recorder(codes);
    private final Histogram latency = new Histogram(3_600_000_000L, 3);
    private long ok;
    private long rejected;
    private long retried;
    private long errors;
    private long deadline;
    private long lastEnd;

    private SelectorLoad(int port, Duration timeout) throws IOException {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.timeout = timeout;
        this.selector = Selector.open();
    }

    static ClosedLoop.Result run(String name, int port, int clients, Duration duration, Duration timeout,
                                 IntFunction<Client> factory) throws IOException {
        SelectorLoad load = new SelectorLoad(port, timeout);
        try {
            return load.run(name, clients, duration, factory);
        } finally {
            load.selector.close();
        }
    }

    private ClosedLoop.Result run(String name, int clients, Duration duration, IntFunction<Client> factory)
            throws IOException {
        Connection[] connections = new Connection[clients];
        for (int i = 0; i < clients; i++) {
            connections[i] = new Connection(factory.apply(i));
        }
        long start = System.nanoTime();
        deadline = start + duration.toNanos();
        lastEnd = start;
        int active = clients;
        for (Connection connection : connections) {
            active -= connection.next(start) ? 0 : 1;
        }
        long nextTimeoutCheck = start;
        while (active > 0) {
            selector.select(100);
            long now = System.nanoTime();
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection connection = (Connection) key.attachment();
                if (connection.readable(now) && !connection.next(now)) {
                    active--;
                }
            }
            if (now >= nextTimeoutCheck) {
                nextTimeoutCheck = now + 100_000_000L;
                for (Connection connection : connections) {
                    if (connection.timedOut(now) && !connection.next(now)) {
                        active--;
                    }
                }
            }
        }
        for (Connection connection : connections) {
            connection.close();
        }
        Map<String, Long> codeCounts = new TreeMap<>();
        codes.forEach((code, n) -> codeCounts.put(code, n.sum()));
        return new ClosedLoop.Result(name, clients, (lastEnd - start) / 1e9, ok, rejected, retried, errors,
                codeCounts, latency);
    }

    private void count(ClosedLoop.Outcome outcome, long sentAt, long now) {
        latency.recordValue(Math.max(1, (now - sentAt) / 1000));
        lastEnd = Math.max(lastEnd, now);
        switch (outcome) {
            case OK -> ok++;
            case REJECTED -> rejected++;
            case RETRY -> retried++;
            case ERROR -> errors++;
        }
    }

    /** One client's connection, and the answer it is reading. */
    private final class Connection {
        private final Client client;
        private SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(16384);
        /** When the request in flight was sent; 0 when none is. */
        private long sentAt;

        Connection(Client client) {
            this.client = client;
        }

        /** Sends the next request, unless the run is over; false when this client is done. */
        boolean next(long now) {
            while (now < deadline) {
                try {
                    if (channel == null) {
                        open();
                    }
                    ByteBuffer request = ByteBuffer.wrap(client.request());
                    sentAt = System.nanoTime();
                    while (request.hasRemaining()) {
                        channel.write(request);
                    }
                    return true;
                } catch (IOException e) {
                    fail(e, now);
                    now = System.nanoTime();
                }
            }
            close();
            return false;
        }

        /** Reads what arrived; true when it completed the answer in flight (or failed it). */
        boolean readable(long now) {
            try {
                if (channel.read(in) < 0) {
                    throw new EOFException("the connection closed");
                }
                HttpAnswer answer = HttpAnswer.parse(in);
                if (answer == null) {
                    if (!in.hasRemaining()) {
                        in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                    }
                    return false;
                }
                if (answer.closes()) {
                    close();
                }
                long sent = sentAt;
                sentAt = 0;
                count(client.answered(answer.status(), answer.body(), recorder), sent, now);
                return true;
            } catch (IOException e) {
                fail(e, now);
                return true;
            } catch (RuntimeException unreadable) {
                fail(new IOException("an answer that is not HTTP/1.1: " + unreadable, unreadable), now);
                return true;
            }
        }

        boolean timedOut(long now) {
            if (sentAt == 0 || now - sentAt < timeout.toNanos()) {
                return false;
            }
            fail(new IOException("no answer within " + timeout), now);
            return true;
        }

        private void fail(IOException e, long now) {
            close();
            long sent = sentAt == 0 ? now : sentAt;
            sentAt = 0;
            count(client.failed(e, recorder), sent, now);
        }

        private void open() throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(address, Math.toIntExact(timeout.toMillis()));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
            in.clear();
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a broken connection
                }
                channel = null;
            }
        }
    }
}
