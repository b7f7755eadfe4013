package cn.gov.ledger.core.indicator;

import java.time.LocalDate;

/**
 * 更正支出指标 (调账): moves what is left of an expenditure booked to the wrong indicator onto the
 * right one, as a linked reversal and re-posting in one unit of work.
 *
 * @param indicatorId   the indicator the expenditure was posted to; where it has been moved since,
 *                      {@link ExpenditureMoves} follows it
 * @param effectiveDate null for the expenditure's own date, so that reads as of any date show it on
 *                      the right indicator from the day it was paid
 */
public record MoveExpenditure(String moveId, String expenditureId, String indicatorId, String targetIndicatorId,
                              LocalDate effectiveDate, String reason) {
}
