package cn.gov.ledger.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole run: start the service, generate its data over REST, measure each figure beside its
 * baseline, check that every acknowledged posting was counted once, and write the table. Each
 * figure is a class of its own; this one runs them in order and sums up.
 */
public final class Bench {

    /** What a run produced: the report, where it was written, and the correctness checks. */
    public record Outcome(Report report, Path file, Verifier.Check beforeRebuild, List<String> rebuildProblems,
                          List<String> apiProblems) {

        public boolean correct() {
            return beforeRebuild.passed() && rebuildProblems.isEmpty() && apiProblems.isEmpty();
        }

        public String problems() {
            List<String> all = new ArrayList<>(beforeRebuild.problems());
            all.addAll(rebuildProblems);
            all.addAll(apiProblems);
            return String.join("\n", all);
        }
    }

    private final BenchOptions o;
    private final Report report = new Report();
    private final Workload workload;
    private final Service service;

    public Bench(BenchOptions options) {
        this.o = options;
        this.workload = new Workload(options);
        this.service = new Service(options);
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        Progress progress = new Progress();
        String loadBefore = Machine.loadAverage();
        describeRun();
        service.prepareWorkDir();
        Verifier.Check before;
        List<String> rebuildProblems;
        List<String> apiProblems = new ArrayList<>();
        try {
            progress.step("starting the service");
            service.start(report);
            progress.step("set-up: units and indicators");
            new SetUp(o, report, service, workload).run();
            progress.step("1. single postings");
            ClosedLoop.Result single = new SinglePostings(o, report, service, workload, progress).run();
            progress.step("2. hot indicator");
            HotIndicator hot = new HotIndicator(o, report, service, workload);
            hot.run(single);
            progress.step("3. batch load");
            BatchLoad batchLoad = new BatchLoad(o, report, service, workload, progress);
            batchLoad.run();
            progress.step("4. reads");
            new ReadFigures(o, report, apiProblems, service, workload, batchLoad.knownAtMid()).run();
            Verifier verifier = new Verifier(() -> service.db, workload.measuredSeries(), workload.indicatorPrefixes());
            progress.step("checking the event store and the read model");
            before = verifier.eventStoreAndReadModel();
            apiProblems.addAll(hot.checkThroughApi());
            Footprint footprint = new Footprint(report);
            footprint.atEndOfRun(service.process.memory);
            progress.step("5. rebuild");
            rebuildProblems = new Rebuild(o, report, service, progress, footprint).run(verifier);
        } finally {
            service.close();
        }
        report.wallSeconds = (System.nanoTime() - started) / 1e9;
        report.machine += "; load average (1/5/15 min) " + loadBefore + " at the start, " + Machine.loadAverage()
                + " at the end";
        progress.step("done");
        sumUp(before, rebuildProblems, apiProblems);
        MethodNotes.add(report, o, workload.loadIndicators());
        Path file = report.write(o.resultsDir, o.quick);
        return new Outcome(report, file, before, rebuildProblems, apiProblems);
    }

    /** The report's header: how the bench was run, on what, and at which scale. */
    private void describeRun() {
        report.mode = o.describe();
        report.command = o.commandLine.isBlank() ? "java -jar ledger-bench/target/ledger-bench.jar"
                : "java -jar ledger-bench/target/ledger-bench.jar " + o.commandLine;
        report.machine = Machine.describe();
        if (o.quick) {
            report.scale = "quick mode: tiny sizes that prove the harness works; its timings mean nothing";
        } else if (o.postings < 1_000_000 || o.indicators < 10_000) {
            report.scale = String.format(Locale.ROOT, "below the issue's 1,000,000 postings over 10,000 indicators:"
                    + " this run loaded %,d postings over %,d indicators; figures 3, 4 and 5 are at that size", o.postings,
                    o.indicators);
        }
    }

    /** The report's verdict: correct only when every check passed, with what each found. */
    private void sumUp(Verifier.Check before, List<String> rebuildProblems, List<String> apiProblems) {
        List<String> problems = new ArrayList<>(before.problems());
        problems.addAll(rebuildProblems);
        problems.addAll(apiProblems);
        report.correct = problems.isEmpty();
        report.correctness = before.summary() + "; read model after the rebuild equal to the events: "
                + (rebuildProblems.isEmpty() ? "yes" : "NO") + "; balances read over the API equal: "
                + (apiProblems.isEmpty() ? "yes" : "NO")
                + (problems.isEmpty() ? "" : ". Problems: " + String.join("; ", problems));
    }
}
