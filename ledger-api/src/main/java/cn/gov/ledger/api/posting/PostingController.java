package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.posting.PostingRequest.Adjustment;
import cn.gov.ledger.api.posting.Corrections.AppropriationCorrection;
import cn.gov.ledger.api.posting.PostingRequest.Appropriation;
import cn.gov.ledger.api.posting.PostingRequest.CarryForwardRequest;
import cn.gov.ledger.api.posting.PostingRequest.Expenditure;
import cn.gov.ledger.api.posting.Corrections.ExpenditureMove;
import cn.gov.ledger.api.posting.PostingRequest.Income;
import cn.gov.ledger.api.posting.Corrections.IncomeReversal;
import cn.gov.ledger.api.posting.PostingRequest.Reversal;
import cn.gov.ledger.api.posting.SurplusPostings.SurplusAllocation;
import cn.gov.ledger.api.posting.SurplusPostings.SurplusUse;
import cn.gov.ledger.api.posting.PostingRequest.Transfer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The write side: one endpoint per kind of posting, at the routes of PostingRoutes. Most single
 * postings never reach this controller: DirectPostingFilter takes them in first, so each method
 * must stay a plain hand-over to PostingService, with the path's id put in by its route.
 */
@RestController
@RequestMapping(consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Posting", description = "Post what happens to budget money; every posting is idempotent by its id")
public class PostingController {

    private final PostingService postings;

    public PostingController(PostingService postings) {
        this.postings = postings;
    }

    @Operation(summary = "AppropriateBudget: create an indicator with its first appropriation")
    @PostMapping(PostingRoutes.APPROPRIATION_PATH)
    ResponseEntity<PostingResult> appropriate(@RequestBody Appropriation body, HttpServletRequest request) {
        return answer(body, request);
    }

    @Operation(summary = "AdjustBudget: 追加 (+) or 调减 (−)")
    @PostMapping(PostingRoutes.ADJUSTMENT_PATH)
    ResponseEntity<PostingResult> adjust(@PathVariable String indicatorId, @RequestBody Adjustment body,
                                         HttpServletRequest request) {
        return answer(PostingRoutes.ADJUSTMENT.bind(body, indicatorId), request);
    }

    @Operation(summary = "TransferBudget: 调剂 between two indicators of one unit, year and fund source")
    @PostMapping(PostingRoutes.TRANSFER_PATH)
    ResponseEntity<PostingResult> transfer(@RequestBody Transfer body, HttpServletRequest request) {
        return answer(body, request);
    }

    @Operation(summary = "RecordIncome: funds received")
    @PostMapping(PostingRoutes.INCOME_PATH)
    ResponseEntity<PostingResult> income(@PathVariable String indicatorId, @RequestBody Income body,
                                         HttpServletRequest request) {
        return answer(PostingRoutes.INCOME.bind(body, indicatorId), request);
    }

    @Operation(summary = "RecordExpenditure: spend against an indicator (无预算不支出)")
    @PostMapping(PostingRoutes.EXPENDITURE_PATH)
    ResponseEntity<PostingResult> expenditure(@RequestBody Expenditure body, HttpServletRequest request) {
        return answer(body, request);
    }

    @Operation(summary = "ReverseExpenditure: 红字冲销 of all (no amount) or part of an expenditure")
    @PostMapping(PostingRoutes.REVERSAL_PATH)
    ResponseEntity<PostingResult> reverse(@PathVariable String expenditureId, @RequestBody Reversal body,
                                          HttpServletRequest request) {
        return answer(PostingRoutes.REVERSAL.bind(body, expenditureId), request);
    }

    @Operation(summary = "CarryForward: close the indicator and carry its balance into next year's")
    @PostMapping(PostingRoutes.CARRY_FORWARD_PATH)
    ResponseEntity<PostingResult> carryForward(@PathVariable String indicatorId,
                                               @RequestBody CarryForwardRequest body, HttpServletRequest request) {
        return answer(PostingRoutes.CARRY_FORWARD.bind(body, indicatorId), request);
    }

    @Operation(summary = "ReverseIncome: 收入冲销 of all (no amount) or part of an income")
    @PostMapping(PostingRoutes.INCOME_REVERSAL_PATH)
    ResponseEntity<PostingResult> reverseIncome(@PathVariable String incomeId, @RequestBody IncomeReversal body,
                                                HttpServletRequest request) {
        return answer(PostingRoutes.INCOME_REVERSAL.bind(body, incomeId), request);
    }

    @Operation(summary = "CorrectAppropriation: 更正指标金额, the appropriation's amount as it should have been")
    @PostMapping(PostingRoutes.AMOUNT_CORRECTION_PATH)
    ResponseEntity<PostingResult> correctAppropriation(@PathVariable String indicatorId,
                                                       @RequestBody AppropriationCorrection body,
                                                       HttpServletRequest request) {
        return answer(PostingRoutes.AMOUNT_CORRECTION.bind(body, indicatorId), request);
    }

    @Operation(summary = "MoveExpenditure: 调账, what is left of an expenditure to another indicator of its unit and year")
    @PostMapping(PostingRoutes.EXPENDITURE_MOVE_PATH)
    ResponseEntity<PostingResult> move(@PathVariable String expenditureId, @RequestBody ExpenditureMove body,
                                       HttpServletRequest request) {
        return answer(PostingRoutes.EXPENDITURE_MOVE.bind(body, expenditureId), request);
    }

    @Operation(summary = "UseNonFiscalSurplus: 使用非财政拨款结余, a source of funds of a non-appropriation indicator")
    @PostMapping(PostingRoutes.SURPLUS_USE_PATH)
    ResponseEntity<PostingResult> useSurplus(@PathVariable String indicatorId, @RequestBody SurplusUse body,
                                             HttpServletRequest request) {
        return answer(PostingRoutes.SURPLUS_USE.bind(body, indicatorId), request);
    }

    @Operation(summary = "AllocateSurplus: 结余分配, taken from the funds balance of a non-appropriation indicator")
    @PostMapping(PostingRoutes.SURPLUS_ALLOCATION_PATH)
    ResponseEntity<PostingResult> allocateSurplus(@PathVariable String indicatorId,
                                                  @RequestBody SurplusAllocation body, HttpServletRequest request) {
        return answer(PostingRoutes.SURPLUS_ALLOCATION.bind(body, indicatorId), request);
    }

    private ResponseEntity<PostingResult> answer(PostingRequest body, HttpServletRequest request) {
        PostingService.Outcome outcome = postings.post(body, Caller.of(request));
        return ResponseEntity.status(outcome.status()).body(outcome.result());
    }
}
