package cn.gov.ledger.projections.classification;

import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.ListedCode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A code list as CSV (RFC 4180: a name may be quoted, with commas or doubled quotes in it): lines
 * starting with {@code #} are comments ({@code # source: ...} names the document,
 * {@code # complete: true|false} whether every 项 is there), then a header naming the columns
 * ({@code code,name}; an economic list also {@code governmentCode,institutionGovernmentCode}, in any
 * order, missing ones empty), then one code a line. Every problem is reported with its line.
 */
public final class CodeListCsv {

    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES);
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withComments();

    private CodeListCsv() {
    }

    /**
     * A list as read: its codes, the line each is on, its header comments, and every problem
     * (unreadable CSV, a missing or unknown column, and {@link CodeList#problems}).
     */
    public record Read(List<ListedCode> codes, List<Integer> lines, String source, boolean complete,
                       List<LineProblem> problems) {
    }

    /** What is wrong on one line of a list. */
    public record LineProblem(int line, String code, String problem) {
    }

    public static Read read(ClassificationKind kind, String text) {
        String source = null;
        String firstComment = null;
        boolean complete = true;
        for (String line : text.lines().toList()) {
            if (!line.startsWith("#")) {
                continue;
            }
            String comment = line.substring(1).trim();
            firstComment = firstComment == null ? comment : firstComment;
            String lower = comment.toLowerCase(Locale.ROOT);
            if (lower.startsWith("source:")) {
                source = comment.substring("source:".length()).trim();
            } else if (lower.startsWith("complete:")) {
                complete = !lower.substring("complete:".length()).trim().startsWith("false");
            }
        }
        List<ListedCode> codes = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        try (MappingIterator<String[]> rows = MAPPER.readerFor(String[].class).with(SCHEMA).readValues(text)) {
            List<String> header = null;
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                int line = rows.getParser().currentTokenLocation().getLineNr();
                if (row.length == 0 || (row.length == 1 && row[0].isBlank())) {
                    continue;
                }
                if (header == null) {
                    header = Arrays.asList(row);
                    problems.addAll(headerProblems(kind, header, line));
                    if (!problems.isEmpty()) {
                        break;
                    }
                    continue;
                }
                codes.add(new ListedCode(column(header, row, "code"), column(header, row, "name"),
                        column(header, row, "governmentCode"), column(header, row, "institutionGovernmentCode")));
                lines.add(line);
            }
            if (header == null) {
                problems.add(new LineProblem(1, null, "the list has no header line (code,name)"));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new LineProblem(lines.isEmpty() ? 1 : lines.get(lines.size() - 1) + 1, null,
                    "unreadable CSV: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (problems.isEmpty()) {
            CodeList.problems(kind, codes).forEach(p -> problems.add(new LineProblem(lines.get(p.index()), p.code(),
                    p.problem())));
        }
        return new Read(codes, lines, source != null ? source : firstComment, complete, problems);
    }

    private static List<LineProblem> headerProblems(ClassificationKind kind, List<String> header, int line) {
        List<String> allowed = kind == ClassificationKind.ECONOMIC
                ? List.of("code", "name", "governmentCode", "institutionGovernmentCode") : List.of("code", "name");
        List<LineProblem> problems = new ArrayList<>();
        if (!header.contains("code") || !header.contains("name")) {
            problems.add(new LineProblem(line, null, "the header must name the columns code and name"));
        }
        header.stream().filter(c -> !allowed.contains(c)).forEach(c -> problems.add(new LineProblem(line, null,
                "unknown column '" + c + "'; a " + kind.key() + " list has " + String.join(",", allowed))));
        if (header.stream().distinct().count() < header.size()) {
            problems.add(new LineProblem(line, null, "a column is named twice"));
        }
        return problems;
    }

    /** The row's value in that column, null when the header has no such column or the cell is empty. */
    private static String column(List<String> header, String[] row, String name) {
        int i = header.indexOf(name);
        return i < 0 || i >= row.length || row[i].isBlank() ? null : row[i].trim();
    }

    /** Every problem of a list, as the API answers them. */
    public static List<Map<String, Object>> describe(List<LineProblem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("line", p.line());
            if (p.code() != null) {
                one.put("code", p.code());
            }
            one.put("problem", p.problem());
            return one;
        }).toList();
    }
}
