package cn.gov.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's memory, for figure 6: its heap from Actuator, its RSS from {@code /proc}, a full
 * GC by jcmd, and a sampler that keeps the largest heap seen once a second while it runs.
 */
final class ServiceMemory {

    private final Process process;
    private final LedgerHttp http;
    private final Thread sampler;
    private volatile boolean sampling = true;
    final AtomicLong maxHeapUsed = new AtomicLong();
    /** The heap's configured maximum, read when sampling starts; -1 if it could not be. */
    volatile long heapMax;

    ServiceMemory(Process process, LedgerHttp http) {
        this.process = process;
        this.http = http;
        this.sampler = new Thread(this::sample, "footprint-sampler");
        this.sampler.setDaemon(true);
    }

    void startSampling() {
        sampler.start();
    }

    void stopSampling() {
        sampling = false;
        sampler.interrupt();
    }

    /** Heap in use now (bytes), from Actuator's jvm.memory.used for area:heap. */
    long heapUsed() throws Exception {
        JsonNode metric = http.getJson("/actuator/metrics/jvm.memory.used?tag=area:heap");
        return (long) metric.path("measurements").path(0).path("value").asDouble();
    }

    private long heapMaxConfigured() throws Exception {
        JsonNode metric = http.getJson("/actuator/metrics/jvm.memory.max?tag=area:heap");
        return (long) metric.path("measurements").path(0).path("value").asDouble();
    }

    /** A field of /proc/&lt;pid&gt;/status in kB (VmRSS: resident now, VmHWM: the peak), or -1. */
    long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** Runs a full GC in the service (jcmd GC.run), so the heap it then reports is the live set. */
    boolean fullGc() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void sample() {
        try {
            heapMax = heapMaxConfigured();
        } catch (Exception e) {
            heapMax = -1;
        }
        while (sampling && process.isAlive()) {
            try {
                maxHeapUsed.accumulateAndGet(heapUsed(), Math::max);
            } catch (Exception e) {
                // a missed sample
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
