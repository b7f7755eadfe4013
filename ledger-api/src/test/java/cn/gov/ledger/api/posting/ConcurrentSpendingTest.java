package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 无预算不支出 under load: many clients spending on one indicator cannot overspend it. */
class ConcurrentSpendingTest extends LedgerIntegrationTest {

    private static final int CLIENTS = 50;
    private static final int POSTINGS_PER_CLIENT = 4;

    @Test
    void fiftyClientsCannotOverspendOneIndicatorAndEachAcceptedExpenditureCountsOnce() throws Exception {
        String indicator = newIndicator(newUnit(), "1000.00");
        // 200 postings of 7.00 = 1400.00 asked for; at most 142 fit into 1000.00
        List<Callable<List<LedgerClient.Answer>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(() -> {
                LedgerClient own = new LedgerClient(port);
                List<LedgerClient.Answer> answers = new ArrayList<>();
                for (int p = 0; p < POSTINGS_PER_CLIENT; p++) {
                    answers.add(own.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), indicator, "7.00")));
                }
                return answers;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<LedgerClient.Answer> answers = new ArrayList<>();
        try {
            for (Future<List<LedgerClient.Answer>> future : pool.invokeAll(clients)) {
                answers.addAll(future.get());
            }
        } finally {
            pool.shutdown();
        }

        long accepted = answers.stream().filter(a -> a.status() == 201).count();
        long refused = answers.stream().filter(a -> a.status() == 409 && "BUDGET_EXCEEDED".equals(a.code())).count();
        assertThat(accepted + refused).as("every posting is accepted or refused for budget").isEqualTo(200);
        assertThat(accepted).isEqualTo(142);
        long sequence = answers.stream().filter(a -> a.status() == 201)
                .mapToLong(a -> a.body().path("sequence").asLong()).max().orElseThrow();

        LedgerClient.Answer read = readIndicator(indicator, sequence);
        assertThat(new BigDecimal(read.text("spent"))).isEqualByComparingTo(new BigDecimal("7.00").multiply(
                BigDecimal.valueOf(accepted)));
        assertThat(new BigDecimal(read.text("authorityLeft"))).isEqualByComparingTo("6.00");
        assertThat(eventCount(indicator)).isEqualTo(1 + accepted);
    }
}
