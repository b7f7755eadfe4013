package cn.gov.ledger.api.posting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.indicator.RecordExpenditure;
import cn.gov.ledger.core.indicator.TransferBudget;
import cn.gov.ledger.core.money.Money;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private final ObjectMapper webJson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ContentHash contentHash = new ContentHash(webJson);

    @Test
    void hashesTheCommandsFieldsInAlphabeticalOrderAndNothingDerived() throws Exception {
        String canonical = "{\"amount\":{\"fen\":69362},\"description\":null,\"economicCode\":{\"value\":\"30201\"},"
                + "\"effectiveDate\":\"2024-02-01\",\"expenditureId\":\"E-1\",\"indicatorId\":\"I-1\",\"payee\":null,"
                + "\"voucherNo\":\"V-1\"}";

        assertThat(contentHash.of(expenditure("E-1", 69362))).isEqualTo(sha256("EXPENDITURE" + canonical));
    }

    @Test
    void aReceiptHashedTheOlderWayStillMatchesItsRepeatButNotAnotherPosting() throws Exception {
        PreparedPosting posting = expenditure("E-1", 69362);
        String older = sha256("EXPENDITURE" + webJson.writeValueAsString(posting.command()));

        assertThat(older).isNotEqualTo(contentHash.of(posting));
        assertThat(contentHash.matches(older, contentHash.of(posting), posting, posting.indicatorId())).isTrue();
        PreparedPosting other = expenditure("E-1", 69363);
        assertThat(contentHash.matches(older, contentHash.of(other), other, other.indicatorId())).isFalse();
        assertThat(contentHash.matches(contentHash.of(posting), contentHash.of(other), other, other.indicatorId())).isFalse();
    }

    @Test
    void aTransferThatDoesNotCrossKindsHashesAsBeforeAcrossKindsExisted() throws Exception {
        String before = "{\"amount\":{\"fen\":100},\"documentRef\":null,\"effectiveDate\":\"2024-02-01\","
                + "\"fromIndicatorId\":\"A\",\"reason\":\"调剂\",\"toIndicatorId\":\"B\",\"transferId\":\"T-1\"}";

        assertThat(contentHash.of(transfer(false))).isEqualTo(sha256("TRANSFER" + before));
        assertThat(contentHash.of(transfer(true))).isNotEqualTo(contentHash.of(transfer(false)));
    }

    private static PreparedPosting transfer(boolean acrossKinds) {
        TransferBudget command = new TransferBudget("T-1", "A", "B", Money.ofFen(100), "调剂", LocalDate.of(2024, 2, 1),
                null, acrossKinds);
        return new PreparedPosting(PostingType.TRANSFER, "T-1", "A", List.of("A", "B"), null, command);
    }

    private static PreparedPosting expenditure(String id, long fen) {
        RecordExpenditure command = new RecordExpenditure("I-1", id, Money.ofFen(fen), new EconomicCode("30201"),
                LocalDate.of(2024, 2, 1), "V-1", null, null);
        return new PreparedPosting(PostingType.EXPENDITURE, id, "I-1", List.of("I-1"), null, command);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
