package cn.gov.ledger.api.reporting;

import cn.gov.ledger.core.money.Money;

/** The unit a report's amounts are written in: 元 exact, or 万元 rounded half-up cell by cell. */
public enum ReportUnit {
    yuan("元"), wan("万元");

    private final String label;

    ReportUnit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String format(Money amount) {
        return this == wan ? amount.toWanRounded().toPlainString() : amount.toString();
    }
}
