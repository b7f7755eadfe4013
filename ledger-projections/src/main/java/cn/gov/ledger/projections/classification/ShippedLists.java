package cn.gov.ledger.projections.classification;

import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.CodeList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The code lists that ship with the service (resources of ledger-core): the years
 * {@code classification/years.txt} names (one a line), and of each the lists
 * {@code classification/{year}/functional.csv}, {@code economic.csv} and
 * {@code government-economic.csv} that are there. A list with a problem stops the service at start.
 */
public final class ShippedLists {

    static final String YEARS = "classification/years.txt";

    private final Map<String, CodeList> lists;

    private ShippedLists(Map<String, CodeList> lists) {
        this.lists = Collections.unmodifiableMap(lists);
    }

    /** The lists on the classpath, read once. */
    public static ShippedLists standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final ShippedLists INSTANCE = read();
    }

    public Optional<CodeList> list(int fiscalYear, ClassificationKind kind) {
        return Optional.ofNullable(lists.get(kind.listId(fiscalYear)));
    }

    /** The fiscal years with at least one shipped list. */
    public SortedSet<Integer> years() {
        SortedSet<Integer> years = new TreeSet<>();
        lists.values().forEach(l -> years.add(l.fiscalYear()));
        return years;
    }

    private static ShippedLists read() {
        Map<String, CodeList> lists = new HashMap<>();
        for (int year : namedYears()) {
            for (ClassificationKind kind : ClassificationKind.values()) {
                String name = "classification/" + year + "/" + kind.key() + ".csv";
                String text = resource(name);
                if (text == null) {
                    continue;
                }
                CodeListCsv.Read read = CodeListCsv.read(kind, text);
                if (!read.problems().isEmpty()) {
                    throw new IllegalStateException("code list " + name + " is not sound: " + read.problems());
                }
                lists.put(kind.listId(year), CodeList.shipped(kind, year, read.codes(), read.complete(), read.source()));
            }
        }
        return new ShippedLists(lists);
    }

    /** The years every {@value #YEARS} on the classpath names (a test's resources may add years of their own). */
    private static SortedSet<Integer> namedYears() {
        SortedSet<Integer> years = new TreeSet<>();
        try {
            for (URL url : Collections.list(ShippedLists.class.getClassLoader().getResources(YEARS))) {
                try (InputStream in = url.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> years.add(Integer.parseInt(l)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (years.isEmpty()) {
            throw new IllegalStateException("missing " + YEARS);
        }
        return years;
    }

    private static String resource(String name) {
        try (InputStream in = ShippedLists.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
