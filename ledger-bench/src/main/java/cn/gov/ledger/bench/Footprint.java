package cn.gov.ledger.bench;

import java.util.Locale;

/**
 * Figure 6: the service's memory, sampled at the end of the measured work and again after the
 * rebuild; the figure's rows hold the larger of the two where the rebuild can raise it.
 */
final class Footprint {

    private final Report report;

    private long heapMaxRun = -1;
    private long rssAtEnd = -1;
    private long hwmRun = -1;
    private long heapConfigured = -1;
    private long liveAtEnd = -1;
    private long rebuildHeapMax = -1;
    private long rebuildHwm = -1;

    Footprint(Report report) {
        this.report = report;
    }

    /** Samples the service once the measured work is done: the run's figures. */
    void atEndOfRun(ServiceMemory memory) throws Exception {
        Sample s = sample(memory, "at the end of the measured work");
        heapMaxRun = s.maxUsed;
        rssAtEnd = s.rss;
        hwmRun = s.hwm;
        heapConfigured = memory.heapMax;
        liveAtEnd = s.live;
    }

    /** Samples the service after the rebuild, before it stops. */
    void afterRebuild(ServiceMemory memory) throws Exception {
        sample(memory, "after the rebuild");
        rebuildHeapMax = memory.maxHeapUsed.get();
        rebuildHwm = memory.procStatusKb("VmHWM");
    }

    /** Figure 6's rows, once both samples are in. */
    void report() {
        long heapMax = Math.max(heapMaxRun, rebuildHeapMax);
        report.target("6. heap used, max sampled (1/s) over the run", Report.mib(heapMax),
                "max heap " + Report.mib(heapConfigured), "–", "≤ 512 MiB", heapMax / 1048576.0, 512, false, "MiB");
        report.info("6. heap live after a full GC at the end", Report.mib(liveAtEnd), "–", "–");
        report.info("6. RSS of the service at the end (peak VmHWM)", Report.mib(rssAtEnd * 1024) + " ("
                + Report.mib(Math.max(hwmRun, rebuildHwm) * 1024) + ")", "–", "–");
    }

    /** Heap in bytes (live: after a full GC, -1 if none could be forced); RSS and its peak in KiB. */
    private record Sample(long maxUsed, long live, long rss, long hwm) {
    }

    private Sample sample(ServiceMemory memory, String when) throws Exception {
        long used = memory.heapUsed();
        boolean gc = memory.fullGc();
        long live = gc ? memory.heapUsed() : -1;
        long rss = memory.procStatusKb("VmRSS");
        long hwm = memory.procStatusKb("VmHWM");
        long maxUsed = Math.max(memory.maxHeapUsed.get(), used);
        report.details.add(String.format(Locale.ROOT, "footprint %s: heap used %s (max sampled %s, after a full GC %s,"
                        + " max heap %s), RSS %s (peak VmHWM %s)", when, Report.mib(used), Report.mib(maxUsed),
                Report.mib(live), Report.mib(memory.heapMax), Report.mib(rss * 1024), Report.mib(hwm * 1024)));
        return new Sample(maxUsed, live, rss, hwm);
    }
}
