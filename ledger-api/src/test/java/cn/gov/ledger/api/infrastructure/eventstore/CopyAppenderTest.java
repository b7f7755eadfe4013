package cn.gov.ledger.api.infrastructure.eventstore;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.core.indicator.ExpenditureRecorded;
import cn.gov.ledger.core.indicator.IncomeRecorded;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A batch's events appended by COPY are the rows Axon's INSERT writes, and conflict as they do. */
class CopyAppenderTest extends LedgerIntegrationTest {

    private static final int BATCH = CopyAppender.COPY_FROM + 6;

    @Autowired
    EventStorageEngine engine;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aBatchsEventsAreStoredAsAxonStoresASinglePostingsEvent() {
        String indicator = newIndicator(newUnit(), "1000000.00");
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> postings = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            ids.add(LedgerClient.id("EXP"));
            Map<String, Object> posting = new LinkedHashMap<>();
            posting.put("type", "EXPENDITURE");
            posting.putAll(expenditure(ids.get(i), indicator, "1.0" + (i % 10)));
            postings.add(posting);
        }
        assertThat(client.post("/api/v1/postings:batch", Map.of("atomic", true, "postings", postings)).status())
                .isEqualTo(200);
        ids.add(LedgerClient.id("EXP"));
        LedgerClient.Answer single =
                client.post("/api/v1/expenditures", expenditure(ids.get(BATCH), indicator, "2.00"));
        assertThat(single.status()).isEqualTo(201);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT type, payload_type, payload_revision, time_stamp, convert_from(meta_data, 'UTF8') AS meta
                FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number > 0
                ORDER BY sequence_number""", indicator);
        Map<String, Object> inserted = rows.get(BATCH);
        assertThat(rows).hasSize(BATCH + 1).allSatisfy(row -> {
            assertThat(row.get("type")).isEqualTo(inserted.get("type")).isEqualTo("BudgetIndicator");
            assertThat(row.get("payload_type")).isEqualTo(ExpenditureRecorded.class.getName());
            assertThat(row.get("payload_revision")).isNull();
            assertThat((String) row.get("time_stamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3,9}Z");
        });
        for (int i = 0; i <= BATCH; i++) {
            assertThat((String) rows.get(i).get("meta")).contains("\"postingId\":\"" + ids.get(i) + "\"");
        }

        List<? extends DomainEventMessage<?>> read = engine.readEvents(indicator).asStream().toList();
        assertThat(read).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactlyElementsOf(LongStream.rangeClosed(0, BATCH + 1).boxed().toList());
        for (int i = 0; i <= BATCH; i++) {
            ExpenditureRecorded event = (ExpenditureRecorded) read.get(i + 1).getPayload();
            assertThat(event.expenditureId()).isEqualTo(ids.get(i));
            assertThat(event.amount()).isEqualTo(Money.parse(i == BATCH ? "2.00" : "1.0" + (i % 10)));
            assertThat(read.get(i + 1).getMetaData()).containsEntry(AxonConfiguration.POSTING_ID, ids.get(i));
        }
        long spentFen = 200;
        for (int i = 0; i < BATCH; i++) {
            spentFen += 100 + i % 10;
        }
        assertThat(readIndicator(indicator, single.body().path("sequence").asLong()).body().path("spent").asText())
                .as("the read model counts every copied event").isEqualTo(new Money(spentFen).toString());
    }

    @Test
    void aTakenSequenceFailsTheWholeCopyAsAConcurrencyConflict() {
        String indicator = newIndicator(newUnit(), "1000000.00");
        assertThat(client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), indicator, "1.00")).status())
                .isEqualTo(201);
        long before = eventCount();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (long sequence = 1; sequence <= BATCH; sequence++) { // 1 is the appropriation's next, taken below
            events.add(new GenericDomainEventMessage<>("BudgetIndicator", indicator, sequence,
                    new IncomeRecorded(indicator, "INC-" + sequence, Money.parse("1.00"), LocalDate.of(2024, 3, 1),
                            null)));
        }

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(
                status -> engine.appendEvents(events))).isInstanceOf(ConcurrencyException.class);
        assertThat(eventCount()).isEqualTo(before);
    }
}
