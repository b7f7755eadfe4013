package cn.gov.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Figure 2: every posting client on one indicator, beside figure 1's postings spread over many;
 * then the hot indicator's spent, read over the API, against its acknowledged postings.
 */
final class HotIndicator {

    private final BenchOptions o;
    private final Report report;
    private final Service service;
    private final Workload w;

    HotIndicator(BenchOptions o, Report report, Service service, Workload workload) {
        this.o = o;
        this.report = report;
        this.service = service;
        this.w = workload;
    }

    /** {@code spread} is figure 1's result, the baseline; null leaves the comparison out. */
    void run(ClosedLoop.Result spread) throws Exception {
        ClosedLoop.Result rest = ExpenditureClients.run(service.http, o.clients, "hot", o.hotSeconds, w.hot);
        service.process.awaitCaughtUp(Duration.ofMinutes(10));
        report.info("2. hot indicator postings/s (all " + o.clients + " clients on one indicator)",
                Report.rate(rest.perSecond(), "/s"),
                spread == null ? "–" : Report.rate(spread.perSecond(), "/s spread over " + o.writeIndicators),
                spread == null ? "–" : Report.percent(rest.perSecond(), spread.perSecond()));
        report.info("2. hot indicator p50 / p99 latency", Report.ms(rest.ms(50)) + " / " + Report.ms(rest.ms(99)),
                spread == null ? "–" : Report.ms(spread.ms(50)) + " / " + Report.ms(spread.ms(99)), "–");
        report.info("2. hot indicator retried / rejected",
                String.format(Locale.ROOT, "%,d retried, %,d rejected, %,d without answer of %,d requests",
                        rest.retried(), rest.rejected(), rest.errors(), rest.requests()),
                "–", rest.codes().isEmpty() ? "–" : rest.codes().toString());
        report.details.add(rest.describe());
    }

    /** The hot indicator's spent, read over the API after its last write, is its acknowledged sum. */
    List<String> checkThroughApi() throws Exception {
        long head = service.process.awaitCaughtUp(Duration.ofMinutes(10));
        JsonNode indicator = service.http.getJson("/api/v1/indicators/" + w.hotIndicator + "?minSequence=" + head);
        BigDecimal spent = new BigDecimal(indicator.path("spent").asText("0"));
        BigDecimal expected = new BigDecimal(Series.yuan(w.hot.ackedFen()));
        if (w.hot.unknownCount() == 0 && spent.compareTo(expected) != 0) {
            return List.of("GET /api/v1/indicators/" + w.hotIndicator + " answers spent " + spent
                    + ", its acknowledged postings add up to " + expected);
        }
        return List.of();
    }
}
