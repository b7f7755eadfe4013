package cn.gov.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Figure 3: atomic batches over REST from several clients, in rounds between rounds of the COPY
 * baseline. The batches also load the data set figure 4 reads.
 */
final class BatchLoad {

    private static final int ATTEMPTS = 5;

    /** Batch requests of one load round, and how long the round took from its first request to its last answer. */
    private record LoadRound(int batches, double seconds) {
    }

    private final BenchOptions o;
    private final Report report;
    private final Service service;
    private final Workload w;
    private final Progress progress;

    private final Histogram latency = new Histogram(3_600_000_000L, 3);
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private volatile Instant knownAtMid;

    BatchLoad(BenchOptions o, Report report, Service service, Workload workload, Progress progress) {
        this.o = o;
        this.report = report;
        this.service = service;
        this.w = workload;
        this.progress = progress;
    }

    /** The instant half of the load was acknowledged (at the latest, when its first round was read): figure 4's as-of. */
    Instant knownAtMid() {
        return knownAtMid;
    }

    void run() throws Exception {
        int batches = (o.postings + o.batchSize - 1) / o.batchSize;
        Series copySeries = new Series("copy", "c" + w.run + "-", w.load::indicator, w::loadDate);
        List<Baselines.Timed> copies = new ArrayList<>();
        List<LoadRound> rounds = new ArrayList<>();
        copies.add(copy(copySeries, 1));
        double catchUp = 0;
        for (int round = 0; round < o.rounds; round++) {
            int from = (int) ((long) batches * round / o.rounds);
            int to = (int) ((long) batches * (round + 1) / o.rounds);
            LoadRound done = loadRound(from, to);
            rounds.add(done);
            progress.step(String.format(Locale.ROOT, "   round %d: %,d batches in %.1f s; waiting for the read model",
                    round + 1, done.batches(), done.seconds()));
            long t = System.nanoTime();
            service.awaitQuiet();
            catchUp = Math.max(catchUp, (System.nanoTime() - t) / 1e9);
            if (knownAtMid == null) {
                knownAtMid = Instant.now();
            }
            copies.add(copy(copySeries, round + 2));
        }
        Baselines.dropTable(service.db);

        long acknowledged = w.load.ackedCount();
        double seconds = rounds.stream().mapToDouble(LoadRound::seconds).sum();
        double perSecond = acknowledged / seconds;
        Rounds copyRates = new Rounds(copies.stream().map(Baselines.Timed::perSecond).toList());
        String baseline = copyRates.describe("rows/s COPY");
        report.target("3. batch postings/s (" + o.batchSize + " per request, " + o.loadClients + " in flight)",
                Report.rate(perSecond, "/s"), baseline, Report.percent(perSecond, copyRates.median()), "≥ 50,000/s",
                perSecond, 50_000, true, "postings/s");
        report.target("3. batch postings against COPY", Report.percent(perSecond, copyRates.median()), baseline,
                Report.percent(perSecond, copyRates.median()), "≥ 25 % of COPY", 100 * perSecond / copyRates.median(),
                25, true, "% of COPY");
        report.info("3. read model catch-up after a load round", String.format(Locale.ROOT, "%.1f s", catchUp), "–",
                "–");
        report.details.add(String.format(Locale.ROOT,
                "batch load: %,d postings in %,d atomic requests of %,d (each over %d indicators) in %d round(s) of %s s"
                        + " by %d clients; %,d postings refused, %,d requests retried; request latency p50 %.0f / p99"
                        + " %.0f / max %.0f ms; the read model and the chain caught up at most %.1f s after a round's"
                        + " last answer; COPY rounds of %,d rows in %s s",
                acknowledged, batches, o.batchSize, o.batchIndicators, o.rounds,
                rounds.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.seconds()))
                        .collect(Collectors.joining(", ")), o.loadClients, rejected.get(), retried.get(),
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0, catchUp, o.postings,
                copies.stream().map(c -> String.format(Locale.ROOT, "%.1f", c.seconds()))
                        .collect(Collectors.joining(", "))));
    }

    /**
     * One round of the COPY baseline, once the service has nothing left to do: as many rows as the
     * whole batch load posts, into an empty table.
     */
    private Baselines.Timed copy(Series copySeries, int round) throws Exception {
        service.awaitQuiet();
        progress.step("   baseline round " + round + ": COPY");
        Baselines.createTable(service.db);
        Baselines.Timed copy = Baselines.copy(service.db, copySeries, o.postings);
        progress.step(String.format(Locale.ROOT, "   COPY: %.0f rows/s", copy.perSecond()));
        return copy;
    }

    /** Posts batches {@code from} to {@code to} (exclusive) from {@code o.loadClients} threads. */
    private LoadRound loadRound(int from, int to) throws Exception {
        AtomicInteger nextBatch = new AtomicInteger(from);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < o.loadClients; c++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int b = nextBatch.getAndIncrement(); b < to; b = nextBatch.getAndIncrement()) {
                        postBatch(b);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the batch load failed", failure.get());
        }
        return new LoadRound(to - from, (System.nanoTime() - start) / 1e9);
    }

    private void postBatch(int b) throws Exception {
        int from = b * o.batchSize;
        int to = Math.min(o.postings, from + o.batchSize);
        StringBuilder body = new StringBuilder((to - from) * 200).append("{\"atomic\":true,\"postings\":[");
        for (int k = from; k < to; k++) {
            if (k > from) {
                body.append(',');
            }
            body.append(w.load.batchItem(k));
        }
        body.append("]}");
        String json = body.toString();
        for (int attempt = 1; ; attempt++) {
            long t = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = service.batchHttp.post("/api/v1/postings:batch", json);
            } catch (IOException e) {
                for (int k = from; k < to; k++) {
                    w.load.unknown(k);
                }
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                retried.incrementAndGet();
                continue;
            }
            synchronized (latency) {
                latency.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
            }
            if (response.statusCode() == 200) {
                JsonNode results = LedgerHttp.parse(response.body()).path("results");
                for (JsonNode item : results) {
                    int status = item.path("status").asInt();
                    if (status == 201 || status == 200) {
                        w.load.ack(from + item.path("index").asInt());
                    } else {
                        rejected.incrementAndGet();
                    }
                }
                if (knownAtMid == null && w.load.ackedCount() >= o.postings / 2) {
                    knownAtMid = Instant.now();
                }
                return;
            }
            if (response.statusCode() == 503 && attempt < ATTEMPTS) {
                retried.incrementAndGet();
                continue;
            }
            rejected.addAndGet(to - from);
            synchronized (report) {
                report.details.add("batch " + b + " refused: " + response.statusCode() + " "
                    + LedgerHttp.abbreviate(response.body()));
            }
            return;
        }
    }
}
