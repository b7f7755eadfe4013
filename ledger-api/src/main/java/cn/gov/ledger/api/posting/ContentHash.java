package cn.gov.ledger.api.posting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a posting says, as a SHA-256 of its type and command: a repeat of a posting id with the
 * same hash is the same posting sent again, with another hash it is a conflict.
 */
final class ContentHash {

    private final ObjectMapper json;

    ContentHash(ObjectMapper json) {
        this.json = json;
    }

    String of(PreparedPosting posting) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(posting.type().name().getBytes(StandardCharsets.UTF_8));
            digest.update(json.writeValueAsBytes(posting.command()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
