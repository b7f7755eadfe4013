package cn.gov.ledger.api.posting;

import java.util.List;

/**
 * The body of {@code POST /api/v1/postings:batch}, also the demo data's format.
 *
 * @param atomic true: all postings or none
 */
public record BatchRequest(boolean atomic, List<PostingRequest> postings) {
}
