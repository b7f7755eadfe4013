package cn.gov.ledger.bench;

import java.time.LocalDate;
import java.util.List;

/**
 * What one run posts and where: its units and indicators, named after the run so that runs
 * against the same database never meet, and the series of postings each step sends.
 */
final class Workload {

    private final BenchOptions o;
    final String run = Long.toString(System.currentTimeMillis() / 1000 % 60_466_176L, 36);
    final String writeDept = "BW" + run;
    final String readDept = "BR" + run;
    final String hotIndicator = "H" + run;
    /** Groups of {@code batchIndicators} indicators the batch load goes round. */
    final int loadGroups;

    final Series warmup;
    final Series single;
    final Series hot;
    final Series load;

    Workload(BenchOptions o) {
        this.o = o;
        this.loadGroups = Math.max(1, o.indicators / o.batchIndicators);
        this.warmup = new Series("warm-up", "U" + run + "-", k -> writeIndicator(k % o.writeIndicators), Series.daily());
        this.single = new Series("single postings", "S" + run + "-", k -> writeIndicator(k % o.writeIndicators),
                Series.daily());
        this.hot = new Series("hot indicator", "H" + run + "-", k -> hotIndicator, Series.daily());
        this.load = new Series("batch load", "L" + run + "-", k -> readIndicator(loadIndicatorIndex(k)), this::loadDate);
    }

    String writeIndicator(int n) {
        return "W" + run + "-" + n;
    }

    String readIndicator(int n) {
        return "R" + run + "-" + n;
    }

    /** Every series the service was sent, each posting of which the verifier looks for. */
    List<Series> measuredSeries() {
        return List.of(warmup, single, hot, load);
    }

    /**
     * What the run's indicator ids start with: the verifier checks only these, as a given database
     * may hold other runs'.
     */
    List<String> indicatorPrefixes() {
        return List.of("W" + run + "-", "R" + run + "-", hotIndicator);
    }

    /** The indicators the batch load posts to, and figure 4 reads. */
    int loadIndicators() {
        return loadGroups * o.batchIndicators;
    }

    /** Batch b covers one group of batchIndicators indicators; its postings go round them. */
    private int loadIndicatorIndex(int k) {
        int batch = k / o.batchSize;
        int j = k % o.batchSize;
        return (batch % loadGroups) * o.batchIndicators + j % o.batchIndicators;
    }

    /** An indicator's postings run through the year in the order they are posted. */
    LocalDate loadDate(int k) {
        int batch = k / o.batchSize;
        int j = k % o.batchSize;
        int perBatch = Math.max(1, o.batchSize / o.batchIndicators);
        long m = (long) (batch / loadGroups) * perBatch + j / o.batchIndicators;
        long perIndicator = Math.max(1, (long) Math.ceil((double) o.postings / (loadGroups * (long) o.batchIndicators)));
        return Series.YEAR_START.plusDays(Math.min(365, m * 366 / perIndicator));
    }
}
