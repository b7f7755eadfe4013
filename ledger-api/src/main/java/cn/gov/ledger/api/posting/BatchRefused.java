package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;

/**
 * Postings written all or none were refused because of the posting at {@code index}: nothing of
 * them was written. An atomic batch answers it with that posting's problem and its index.
 */
public class BatchRefused extends RuntimeException {

    private final int index;
    private final ApiProblem problem;

    BatchRefused(int index, ApiProblem problem) {
        super(problem.getMessage());
        this.index = index;
        this.problem = problem;
    }

    public int index() {
        return index;
    }

    public ApiProblem problem() {
        return problem;
    }
}
