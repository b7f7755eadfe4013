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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The code lists that ship with the service (resources of ledger-core): the years
 * {@code classification/years.txt} names (one a line), and of each the lists
 * {@code classification/{year}/functional.csv}, {@code economic.csv} and
 * {@code government-economic.csv} that are there; a year named as {@code 2023=2024} uses another
 * year's files, and its lists' source says so. A list with a problem stops the service at start.
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
        Map<Integer, Integer> years = namedYears();
        for (int year : years.keySet()) {
            if (!years.get(year).equals(year)) {
                continue;
            }
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
        years.forEach((year, from) -> {
            for (ClassificationKind kind : ClassificationKind.values()) {
                CodeList source = lists.get(kind.listId(from));
                if (!year.equals(from) && source != null) {
                    lists.put(kind.listId(year), CodeList.shipped(kind, year, source.codes(), source.complete(),
                            source.source() + " (the " + from + " list, used for " + year + ", which has none of its own)"));
                }
            }
        });
        return new ShippedLists(lists);
    }

    /**
     * The years every {@value #YEARS} on the classpath names (a test's resources may add years of
     * their own), each with the year whose files it is read from: itself, or for a line
     * {@code 2023=2024} the year after the sign.
     */
    private static Map<Integer, Integer> namedYears() {
        Map<Integer, Integer> years = new TreeMap<>();
        try {
            for (URL url : Collections.list(ShippedLists.class.getClassLoader().getResources(YEARS))) {
                try (InputStream in = url.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> {
                                String[] parts = l.split("=");
                                years.put(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[parts.length - 1].trim()));
                            });
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
