package cn.gov.ledger.bench;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results table (figure | measured | baseline | ratio | target | met?) and its notes. */
final class Report {

    record Row(String figure, String measured, String baseline, String ratio, String target, String met) {
    }

    final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    final List<Row> rows = new ArrayList<>();
    final List<String> misses = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> details = new ArrayList<>();
    String mode = "";
    String machine = "";
    String command = "";
    String correctness = "";
    String scale = "";
    boolean correct;
    double wallSeconds;

    /** A row without a target. */
    void info(String figure, String measured, String baseline, String ratio) {
        rows.add(new Row(figure, measured, baseline, ratio, "–", "–"));
    }

    /**
     * A row with a target: {@code atLeast} true means measured must be at least {@code target},
     * false at most. The miss is written down with how far off it is.
     */
    void target(String figure, String measured, String baseline, String ratio, String targetText, double value,
                double target, boolean atLeast, String unit) {
        boolean met = !Double.isNaN(value) && (atLeast ? value >= target : value <= target);
        rows.add(new Row(figure, measured, baseline, ratio, targetText, Double.isNaN(value) ? "n/a" : met ? "yes" : "**no**"));
        if (!met && !Double.isNaN(value)) {
            String by = atLeast
                    ? String.format(Locale.ROOT, "%s %s short of %s %s: %.1f %% of the target (%.2fx too slow)",
                    num(target - value), unit, num(target), unit, 100 * value / target, target / Math.max(value, 1e-9))
                    : String.format(Locale.ROOT, "%s %s over %s %s: %.1fx the target", num(value - target), unit,
                    num(target), unit, value / target);
            misses.add(figure + ": measured " + num(value) + " " + unit + ", target " + targetText + " — " + by + ".");
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ledger-bench results, ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append("\n\n");
        md.append("- machine: ").append(machine).append('\n');
        md.append("- mode: ").append(mode).append('\n');
        md.append("- command: `").append(command).append("`\n");
        if (!scale.isEmpty()) {
            md.append("- **scale: ").append(scale).append("**\n");
        }
        md.append(String.format(Locale.ROOT, "- wall time: %.0f s%n", wallSeconds));
        md.append("- correctness: ").append(correct ? "passed" : "**FAILED**").append(" — ").append(correctness)
                .append("\n\n");
        md.append("| figure | measured | baseline | ratio | target | met? |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.figure()).append(" | ").append(r.measured()).append(" | ").append(r.baseline())
                    .append(" | ").append(r.ratio()).append(" | ").append(r.target()).append(" | ").append(r.met())
                    .append(" |\n");
        }
        md.append("\n## Targets missed\n\n");
        if (misses.isEmpty()) {
            md.append("None.\n");
        } else {
            misses.forEach(m -> md.append("- ").append(m).append('\n'));
            md.append("\nWhat bounds each figure on this machine: docs/performance.md.\n");
        }
        md.append("\n## How each figure was measured\n\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        if (!details.isEmpty()) {
            md.append("\n## Details\n\n");
            details.forEach(d -> md.append("- ").append(d).append('\n'));
        }
        return md.toString();
    }

    /**
     * Writes the report to a file of its own, {@code <date>-<HHmm>[-quick].md}, suffixed {@code -2},
     * {@code -3}... when that name is taken: a results file is the record of one run and is never
     * overwritten.
     */
    Path write(Path dir, boolean quick) throws IOException {
        Files.createDirectories(dir);
        String stem = started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + (quick ? "-quick" : "");
        String markdown = markdown();
        for (int n = 1; ; n++) {
            Path file = dir.resolve(stem + (n == 1 ? "" : "-" + n) + ".md");
            try {
                Files.writeString(file, markdown, StandardOpenOption.CREATE_NEW);
                return file;
            } catch (FileAlreadyExistsException taken) {
                // another run's file: try the next suffix
            }
        }
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ms(double v) {
        return num(v) + " ms";
    }

    static String rate(double v, String unit) {
        return num(v) + " " + unit;
    }

    static String percent(double a, double b) {
        return b <= 0 || Double.isNaN(a) || Double.isNaN(b) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * a / b);
    }

    static String times(double a, double b) {
        return b <= 0 || Double.isNaN(a) || Double.isNaN(b) ? "n/a" : String.format(Locale.ROOT, "%.1fx", a / b);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }
}
