package cn.gov.ledger.api.posting;

import cn.gov.ledger.core.indicator.MoveExpenditure;
import cn.gov.ledger.core.indicator.ReverseExpenditure;
import cn.gov.ledger.core.indicator.TransferBudget;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a posting says, as a SHA-256 of its type and command: a repeat of a posting id with the
 * same hash is the same posting sent again, with another hash it is a conflict.
 *
 * <p>The command is written canonically: its fields only, in alphabetical order. The web's JSON
 * would also write derived getters ({@code Money.isZero()}, ...) in the order reflection lists them,
 * which the JVM does not keep from one run to the next: a posting retried after a restart then
 * hashed differently and was refused as {@code ID_CONFLICT} (CrashSafetyIT). Receipts written
 * before the canonical form still match by that older hash, as this JVM computes it.
 */
final class ContentHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addMixIn(TransferBudget.class, TransferBudgetHashed.class)
            .addMixIn(MoveExpenditure.class, MoveExpenditureHashed.class)
            .build();

    /**
     * A transfer that does not ask to cross kinds hashes as before {@code acrossKinds} existed, so
     * a transfer accepted then and sent again is still the same posting.
     */
    private abstract static class TransferBudgetHashed {
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        boolean acrossKinds;
    }

    /**
     * A move is what its caller said: the indicator the ledger found the expenditure on is left out,
     * since after the move it is the target, and the move sent again is still the same posting.
     */
    private abstract static class MoveExpenditureHashed {
        @JsonIgnore
        String indicatorId;
    }

    private final ObjectMapper webJson;

    ContentHash(ObjectMapper webJson) {
        this.webJson = webJson;
    }

    String of(PreparedPosting posting) {
        return hash(CANONICAL, posting);
    }

    /**
     * Whether a receipt's stored hash is this posting's ({@code hash} being {@link #of} it).
     * {@code decidedOn} is the indicator the receipt names: a reversal sent again after its
     * expenditure was moved names the indicator the expenditure is on now, and is compared as it
     * was decided, on that one.
     */
    boolean matches(String stored, String hash, PreparedPosting posting, String decidedOn) {
        if (stored.equals(hash) || stored.equals(hash(webJson, posting.type(), posting.command()))) {
            return true;
        }
        return posting.command() instanceof ReverseExpenditure r && !r.indicatorId().equals(decidedOn)
                && stored.equals(hash(CANONICAL, posting.type(), new ReverseExpenditure(decidedOn, r.reversalId(),
                        r.expenditureId(), r.amount(), r.reason(), r.effectiveDate())));
    }

    private static String hash(ObjectMapper json, PreparedPosting posting) {
        return hash(json, posting.type(), posting.command());
    }

    private static String hash(ObjectMapper json, PostingType type, Object command) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(type.name().getBytes(StandardCharsets.UTF_8));
            digest.update(json.writeValueAsBytes(command));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
