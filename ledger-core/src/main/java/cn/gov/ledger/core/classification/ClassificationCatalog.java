package cn.gov.ledger.core.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The code lists that ship with the service: the functional and economic classifications of the
 * 2024 政府收支分类科目 (resources {@code classification/2024/functional.csv} and {@code economic.csv};
 * lines starting with {@code #} name the source).
 * Postings with codes outside them are refused.
 */
public final class ClassificationCatalog {

    private final Map<String, String> functional;
    private final Map<String, String> economic;

    private ClassificationCatalog(Map<String, String> functional, Map<String, String> economic) {
        this.functional = Collections.unmodifiableMap(functional);
        this.economic = Collections.unmodifiableMap(economic);
    }

    /** The code lists shipped as classpath resources, read once. */
    public static ClassificationCatalog standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final ClassificationCatalog INSTANCE =
                new ClassificationCatalog(read("classification/2024/functional.csv"),
                        read("classification/2024/economic.csv"));
    }

    public boolean isKnown(FunctionalCode code) {
        return functional.containsKey(code.value());
    }

    public boolean isKnown(EconomicCode code) {
        return economic.containsKey(code.value());
    }

    public Optional<String> name(FunctionalCode code) {
        return Optional.ofNullable(functional.get(code.value()));
    }

    public Optional<String> name(EconomicCode code) {
        return Optional.ofNullable(economic.get(code.value()));
    }

    /** Every functional code with its name, in code order. */
    public Map<String, String> functionalCodes() {
        return functional;
    }

    /** Every economic code with its name, in code order. */
    public Map<String, String> economicCodes() {
        return economic;
    }

    private static Map<String, String> read(String resource) {
        InputStream in = ClassificationCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing code list " + resource);
        }
        Map<String, String> codes = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("code,")) {
                    continue;
                }
                int comma = line.indexOf(',');
                String name = line.substring(comma + 1).trim();
                if (name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
                }
                codes.put(line.substring(0, comma).trim(), name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }
}
