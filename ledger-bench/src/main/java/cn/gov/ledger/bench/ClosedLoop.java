package cn.gov.ledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * {@code clients} threads, each sending its next request as soon as the last one answered, for a
 * fixed time. Every request's latency goes into an HdrHistogram (microseconds). A closed loop:
 * when the service slows down, the clients send less (no coordinated-omission correction).
 */
final class ClosedLoop {

    enum Outcome { OK, REJECTED, RETRY, ERROR }

    /** One client's work: one request per call, answering how it went; closed when its run ends. */
    interface Client {
        Outcome step(Recorder recorder) throws Exception;

        default void close() {
        }
    }

    /** Lets a client note why a request was refused. */
    static final class Recorder {
        final Map<String, LongAdder> codes;

        Recorder(Map<String, LongAdder> codes) {
            this.codes = codes;
        }

        void code(String code) {
            codes.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
    }

    record Result(String name, int clients, double seconds, long ok, long rejected, long retried, long errors,
                  Map<String, Long> codes, Histogram latency) {

        double perSecond() {
            return seconds <= 0 ? 0 : ok / seconds;
        }

        /** Latency percentile in milliseconds. */
        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        long requests() {
            return latency.getTotalCount();
        }

        /** One line for the report's details: counts, answer codes and latency percentiles. */
        String describe() {
            return String.format(Locale.ROOT,
                    "%s: %,d requests in %.1f s by %d clients: %,d ok, %,d retried, %,d rejected, %,d errors%s;"
                            + " latency p50 %.2f / p90 %.2f / p99 %.2f / p99.9 %.2f / max %.2f ms",
                    name, requests(), seconds, clients, ok, retried, rejected, errors,
                    codes.isEmpty() ? "" : " " + codes, ms(50), ms(90), ms(99), ms(99.9),
                    latency.getMaxValue() / 1000.0);
        }

        /** Rounds of the same load as one: their counts, times and latencies added. */
        static Result combined(String name, List<Result> rounds) {
            Histogram latency = new Histogram(3_600_000_000L, 3);
            Map<String, Long> codes = new TreeMap<>();
            double seconds = 0;
            long ok = 0;
            long rejected = 0;
            long retried = 0;
            long errors = 0;
            for (Result r : rounds) {
                latency.add(r.latency());
                r.codes().forEach((code, n) -> codes.merge(code, n, Long::sum));
                seconds += r.seconds();
                ok += r.ok();
                rejected += r.rejected();
                retried += r.retried();
                errors += r.errors();
            }
            return new Result(name, rounds.get(0).clients(), seconds, ok, rejected, retried, errors, codes, latency);
        }
    }

    interface ClientFactory {
        Client create(int index) throws Exception;
    }

    static Result run(String name, int clients, Duration duration, ClientFactory factory) throws Exception {
        List<Client> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(factory.create(i));
        }
        Map<String, LongAdder> codes = new ConcurrentHashMap<>();
        Recorder recorder = new Recorder(codes);
        LongAdder ok = new LongAdder();
        LongAdder rejected = new LongAdder();
        LongAdder retried = new LongAdder();
        LongAdder errors = new LongAdder();
        Histogram[] histograms = new Histogram[clients];
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong lastEnd = new AtomicLong();
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < clients; i++) {
            int index = i;
            histograms[i] = new Histogram(3_600_000_000L, 3);
            Thread thread = new Thread(() -> {
                Client client = workers.get(index);
                Histogram histogram = histograms[index];
                ready.countDown();
                try {
                    go.await();
                    while (System.nanoTime() < deadline[0]) {
                        long start = System.nanoTime();
                        Outcome outcome;
                        try {
                            outcome = client.step(recorder);
                        } catch (Exception e) {
                            outcome = Outcome.ERROR;
                            recorder.code(e.getClass().getSimpleName());
                        }
                        long end = System.nanoTime();
                        histogram.recordValue(Math.max(1, (end - start) / 1000));
                        switch (outcome) {
                            case OK -> ok.increment();
                            case REJECTED -> rejected.increment();
                            case RETRY -> retried.increment();
                            case ERROR -> errors.increment();
                        }
                    }
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    synchronized (failure) {
                        failure[0] = t;
                    }
                } finally {
                    client.close();
                }
            }, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException(name + " failed", failure[0]);
        }
        Histogram all = new Histogram(3_600_000_000L, 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        Map<String, Long> codeCounts = new TreeMap<>();
        codes.forEach((code, n) -> codeCounts.put(code, n.sum()));
        double seconds = (Math.max(lastEnd.get(), start) - start) / 1e9;
        return new Result(name, clients, seconds, ok.sum(), rejected.sum(), retried.sum(), errors.sum(), codeCounts, all);
    }
}
