package cn.gov.ledger.api.posting;

import java.util.List;

/**
 * A validated posting, ready to dispatch.
 *
 * @param indicatorId  the indicator the posting is about (for a transfer, the source)
 * @param indicatorIds every indicator it touches, to serialize postings on them
 * @param unitCode     the unit of a new indicator (appropriations only)
 * @param command      the ledger-core command
 */
record PreparedPosting(PostingType type, String postingId, String indicatorId, List<String> indicatorIds,
                       String unitCode, Object command) {
}
