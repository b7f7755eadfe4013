package cn.gov.ledger.api.posting;

/**
 * The answer to an accepted posting; a repeat of the same posting gets the same answer.
 *
 * @param sequence the ledger's global sequence after the write: pass it as {@code minSequence}
 *                 to read your own write
 */
public record PostingResult(PostingType type, String postingId, String indicatorId, long sequence) {
}
