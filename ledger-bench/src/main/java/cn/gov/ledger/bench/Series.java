package cn.gov.ledger.bench;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * One stream of expenditures the bench posts: posting {@code k} has the id {@code <prefix><k>},
 * and its indicator, amount, economic code and effective date follow from {@code k}, so what was
 * acknowledged can be checked against the event store and the read model without keeping
 * every request. Acknowledged (201/200) and unknown (no answer) postings are kept as bit sets.
 */
final class Series {

    private static final String[] ECONOMIC = {"30201", "30101", "30202", "30211", "30102", "30215", "30216", "30217"};
    static final LocalDate YEAR_START = LocalDate.of(2024, 1, 1);

    final String name;
    final String prefix;
    private final IntFunction<String> indicatorOf;
    private final IntFunction<LocalDate> dateOf;
    final AtomicInteger next = new AtomicInteger();
    private final BitSet acked = new BitSet();
    private final BitSet unknown = new BitSet();
    private long ackedCount;
    private long ackedFen;

    Series(String name, String prefix, IntFunction<String> indicatorOf, IntFunction<LocalDate> dateOf) {
        this.name = name;
        this.prefix = prefix;
        this.indicatorOf = indicatorOf;
        this.dateOf = dateOf;
    }

    /** Postings spread over the year by their number. */
    static IntFunction<LocalDate> daily() {
        return k -> YEAR_START.plusDays(k % 366);
    }

    String id(int k) {
        return prefix + k;
    }

    String indicator(int k) {
        return indicatorOf.apply(k);
    }

    /** 1.00 to 99.99 元, in 分. */
    static long fen(int k) {
        return 100 + Math.floorMod(k * 7919L, 9900L);
    }

    static String yuan(long fen) {
        return (fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + (fen % 100);
    }

    /** The body of POST /api/v1/expenditures. */
    String body(int k) {
        return "{\"expenditureId\":\"" + id(k) + "\",\"indicatorId\":\"" + indicator(k) + "\",\"amount\":\""
                + yuan(fen(k)) + "\",\"economicCode\":\"" + ECONOMIC[k % ECONOMIC.length] + "\",\"effectiveDate\":\""
                + dateOf.apply(k) + "\"}";
    }

    /** One element of a batch's postings. */
    String batchItem(int k) {
        return "{\"type\":\"EXPENDITURE\"," + body(k).substring(1);
    }

    synchronized void ack(int k) {
        if (!acked.get(k)) {
            acked.set(k);
            ackedCount++;
            ackedFen += fen(k);
        }
        unknown.clear(k);
    }

    /** A posting whose answer never came (timeout, broken connection): it may or may not be written. */
    synchronized void unknown(int k) {
        if (!acked.get(k)) {
            unknown.set(k);
        }
    }

    synchronized boolean isAcked(int k) {
        return acked.get(k);
    }

    synchronized boolean isUnknown(int k) {
        return unknown.get(k);
    }

    synchronized long ackedCount() {
        return ackedCount;
    }

    synchronized long ackedFen() {
        return ackedFen;
    }

    synchronized long unknownCount() {
        return unknown.cardinality();
    }

    synchronized BitSet ackedSnapshot() {
        return (BitSet) acked.clone();
    }

    /** The posting number of an id of this series, or -1. */
    int number(String postingId) {
        if (postingId == null || !postingId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(postingId.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
