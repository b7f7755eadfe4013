package cn.gov.ledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A baseline's rate measured in rounds alternated with the service's: one before the service's
 * first round and one after each. The machine's speed drifts within a run (other work on its
 * cores, the disk's flush time), so a single baseline run can land on a slow or a fast moment;
 * ratios are held against the median of the rounds, which one slow round cannot move far.
 */
record Rounds(List<Double> perSecond) {

    Rounds {
        if (perSecond.isEmpty()) {
            throw new IllegalArgumentException("a baseline needs at least one round");
        }
        perSecond = List.copyOf(perSecond);
    }

    double median() {
        List<Double> sorted = new ArrayList<>(perSecond);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "6,166 /s raw JDBC inserts (median of 3 rounds: 5,901, 6,166, 7,012)": the rounds in the order run. */
    String describe(String unit) {
        String median = Report.rate(median(), unit);
        if (perSecond.size() == 1) {
            return median;
        }
        return median + String.format(Locale.ROOT, " (median of %d rounds: %s)", perSecond.size(),
                perSecond.stream().map(Report::num).collect(Collectors.joining(", ")));
    }
}
