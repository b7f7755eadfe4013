package cn.gov.ledger.bench;

import java.util.Locale;

/** A line on stderr per step, so a long run shows where it is. */
final class Progress {

    private final long start = System.nanoTime();

    void step(String step) {
        System.err.printf(Locale.ROOT, "[bench %6.1f s] %s%n", (System.nanoTime() - start) / 1e9, step);
    }
}
