package cn.gov.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path results;

    @Test
    void everyRunGetsAFileOfItsOwnAndNoneIsOverwritten() throws Exception {
        Report first = new Report();
        first.mode = "first";
        Report second = new Report();
        second.mode = "second";
        Path taken = results.resolve(first.started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".md");
        Files.writeString(taken, "an earlier run");

        Path a = first.write(results, false);
        Path b = second.write(results, false);

        assertThat(Files.readString(taken)).isEqualTo("an earlier run");
        assertThat(a.getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}-\\d{4}-2\\.md");
        assertThat(b.getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}-\\d{4}(-\\d+)?\\.md");
        assertThat(b).isNotEqualTo(a);
        assertThat(Files.readString(a)).contains("- mode: first");
        assertThat(Files.readString(b)).contains("- mode: second");
    }

    @Test
    void aMissedTargetPointsToWhatBoundsIt() {
        Report report = new Report();
        report.target("3. batch postings/s", "10,999 /s", "107,552 rows/s COPY", "10.2 %", "≥ 50,000/s", 10_999,
                50_000, true, "postings/s");

        assertThat(report.markdown()).contains("| **no** |").contains("docs/performance.md")
                .doesNotContain("Where the time goes");
    }
}
