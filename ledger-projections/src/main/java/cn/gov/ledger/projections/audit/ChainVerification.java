package cn.gov.ledger.projections.audit;

/**
 * What {@link ChainVerifier} found.
 *
 * @param valid                true when every chained event verifies (and the expected head, if given, is one of them)
 * @param checked              events whose link verified, in global order, before the first bad one
 * @param pending              events the event-chain processor has not chained yet (not an error)
 * @param headHash             the hash of the chain's last link, what an auditor keeps; null for an empty chain
 * @param headSequence         the global index of the chain's last link
 * @param firstBadSequence     the global index of the first event (or link) that does not verify
 * @param failure              what is wrong there, or {@code UNKNOWN_HEAD}; null when valid
 * @param reason               the failure in words
 * @param expectedHeadSequence the global index of the link whose hash is the expected head, when found
 */
public record ChainVerification(boolean valid,
                                long checked,
                                long pending,
                                String headHash,
                                Long headSequence,
                                Long firstBadSequence,
                                Failure failure,
                                String reason,
                                Long expectedHeadSequence) {

    /** Why a chain does not verify. */
    public enum Failure {
        EVENT_ALTERED("the event's stored row does not hash to its link: altered, replaced or moved"),
        EVENT_MISSING("the link has no event: the event was deleted"),
        LINK_MISSING("the event was processed but has no link: inserted behind the chain's back"),
        LINK_BROKEN("the link does not follow the one before it: links removed, reordered or rewritten"),
        UNKNOWN_HEAD("the expected head is not the hash of any link of the chain");

        private final String description;

        Failure(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
