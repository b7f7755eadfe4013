package cn.gov.ledger.bench;

/**
 * {@code java -jar ledger-bench/target/ledger-bench.jar [--quick] [--option=value ...]}: runs the
 * benchmark, prints the results table and writes it to a file of its own in
 * {@code bench/results/} ({@code <date>-<HHmm>.md}, never overwritten). Exits 1
 * when the measured work was not counted correctly (timings never fail it).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("ledger-bench " + options.describe());
        Bench.Outcome outcome = new Bench(options).run();
        System.out.println();
        System.out.println(outcome.report().markdown());
        System.out.println("written to " + outcome.file());
        if (!outcome.correct()) {
            System.err.println("CORRECTNESS FAILED:\n" + outcome.problems());
            System.exit(1);
        }
        System.exit(0);
    }
}
