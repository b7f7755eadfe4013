package cn.gov.ledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks the measured work, never its speed: every acknowledged posting is in the event store
 * exactly once (one ExpenditureRecorded event whose metadata names its id) and has its receipt;
 * nothing refused was written; and the read model's spent, per indicator, is what was written.
 */
final class Verifier {

    static final String EXPENDITURE_RECORDED = "cn.gov.ledger.core.indicator.ExpenditureRecorded";

    /** What a check found; {@code passed} only when nothing is wrong. */
    record Check(boolean passed, long acknowledged, long acknowledgedFen, long written, long unknownWritten,
                 List<String> problems, String summary) {
    }

    private final Supplier<Database> db;
    private final List<Series> series;
    private final List<String> indicatorPrefixes;

    /** What the event store holds for each series: posting numbers seen once, and more than once. */
    private final Map<Series, BitSet> seen = new HashMap<>();
    private final Map<Series, BitSet> duplicated = new HashMap<>();

    Verifier(Supplier<Database> db, List<Series> series, List<String> indicatorPrefixes) {
        this.db = db;
        this.series = series;
        this.indicatorPrefixes = indicatorPrefixes;
    }

    /** The event store and the receipts against the acknowledgements, then the read model. */
    Check eventStoreAndReadModel() throws Exception {
        List<String> problems = new ArrayList<>();
        seen.clear();
        duplicated.clear();
        for (Series s : series) {
            seen.put(s, new BitSet());
            duplicated.put(s, new BitSet());
        }
        Map<Series, BitSet> receipts = new HashMap<>();
        series.forEach(s -> receipts.put(s, new BitSet()));
        long foreign = 0;
        try (Connection c = db.get().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement("SELECT (convert_from(meta_data, 'UTF8')::jsonb)"
                    + " ->> 'postingId' FROM domain_event_entry WHERE payload_type = ?")) {
                select.setFetchSize(10_000);
                select.setString(1, EXPENDITURE_RECORDED);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (!note(rs.getString(1), seen, duplicated)) {
                            foreign++;
                        }
                    }
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT posting_id FROM posting_receipt WHERE posting_type = 'EXPENDITURE'")) {
                select.setFetchSize(10_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        note(rs.getString(1), receipts, null);
                    }
                }
            }
            c.commit();
        }
        long acknowledged = 0;
        long acknowledgedFen = 0;
        long written = 0;
        long unknownWritten = 0;
        for (Series s : series) {
            BitSet acked = s.ackedSnapshot();
            BitSet inStore = seen.get(s);
            acknowledged += acked.cardinality();
            acknowledgedFen += s.ackedFen();
            written += inStore.cardinality();
            BitSet lost = (BitSet) acked.clone();
            lost.andNot(inStore);
            if (!lost.isEmpty()) {
                problems.add(s.name + ": " + lost.cardinality() + " acknowledged postings are not in the event store,"
                        + " e.g. " + s.id(lost.nextSetBit(0)));
            }
            if (!duplicated.get(s).isEmpty()) {
                problems.add(s.name + ": " + duplicated.get(s).cardinality() + " postings are in the event store more"
                        + " than once, e.g. " + s.id(duplicated.get(s).nextSetBit(0)));
            }
            BitSet noReceipt = (BitSet) acked.clone();
            noReceipt.andNot(receipts.get(s));
            if (!noReceipt.isEmpty()) {
                problems.add(s.name + ": " + noReceipt.cardinality() + " acknowledged postings have no receipt,"
                        + " e.g. " + s.id(noReceipt.nextSetBit(0)));
            }
            BitSet extra = (BitSet) inStore.clone();
            extra.andNot(acked);
            for (int k = extra.nextSetBit(0); k >= 0; k = extra.nextSetBit(k + 1)) {
                if (s.isUnknown(k)) {
                    unknownWritten++;
                } else {
                    problems.add(s.name + ": " + s.id(k) + " is in the event store but was refused or never sent");
                    if (problems.size() > 20) {
                        break;
                    }
                }
            }
        }
        problems.addAll(readModel());
        String summary = String.format("%,d postings acknowledged (%s 元); %,d in the event store, each once: %s;"
                        + " %,d written without an answer reaching the client; %,d expenditure events of other runs",
                acknowledged, Series.yuan(acknowledgedFen), written, problems.isEmpty() ? "yes" : "NO",
                unknownWritten, foreign);
        return new Check(problems.isEmpty(), acknowledged, acknowledgedFen, written, unknownWritten, problems, summary);
    }

    /** The read model's spent per indicator against the events written (the last store check's). */
    List<String> readModel() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (Series s : series) {
            BitSet inStore = seen.get(s);
            for (int k = inStore.nextSetBit(0); k >= 0; k = inStore.nextSetBit(k + 1)) {
                expected.merge(s.indicator(k), Series.fen(k), Long::sum);
            }
        }
        Map<String, Long> actual = new HashMap<>();
        try (Connection c = db.get().connect();
             PreparedStatement select = c.prepareStatement("SELECT indicator_id, sum(amount) FROM rm_movement"
                     + " WHERE figure = 'SPENT' GROUP BY indicator_id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String indicator = rs.getString(1);
                if (indicatorPrefixes.stream().anyMatch(indicator::startsWith)) {
                    actual.put(indicator, rs.getLong(2));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
        long actualTotal = actual.values().stream().mapToLong(Long::longValue).sum();
        int wrong = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            long got = actual.getOrDefault(e.getKey(), 0L);
            if (got != e.getValue() && wrong++ < 5) {
                problems.add("read model: indicator " + e.getKey() + " has spent " + Series.yuan(got)
                        + " but its expenditures add up to " + Series.yuan(e.getValue()));
            }
        }
        for (String indicator : actual.keySet()) {
            if (!expected.containsKey(indicator) && actual.get(indicator) != 0 && wrong++ < 5) {
                problems.add("read model: indicator " + indicator + " has spent " + Series.yuan(actual.get(indicator))
                        + " though nothing was written to it");
            }
        }
        if (expectedTotal != actualTotal) {
            problems.add("read model: spent in all is " + Series.yuan(actualTotal) + ", the written postings add up to "
                    + Series.yuan(expectedTotal));
        }
        return problems;
    }

    /** Notes a posting id in the bit sets of its series; false when it belongs to no series. */
    private boolean note(String postingId, Map<Series, BitSet> once, Map<Series, BitSet> twice) {
        for (Series s : series) {
            int k = s.number(postingId);
            if (k >= 0) {
                BitSet bits = once.get(s);
                if (bits.get(k) && twice != null) {
                    twice.get(s).set(k);
                }
                bits.set(k);
                return true;
            }
        }
        return false;
    }
}
