package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;

/**
 * How one event moves one figure of its indicator.
 *
 * @param amount       signed: a transfer out, a reversal are negative
 * @param economicCode the 款 an expenditure or reversal is on; null for budget and income movements,
 *                     which count under the indicator's own restriction, if it has one
 */
public record FigureMovement(Figure figure, Money amount, EconomicCode economicCode) {

    static FigureMovement of(Figure figure, Money amount) {
        return new FigureMovement(figure, amount, null);
    }
}
