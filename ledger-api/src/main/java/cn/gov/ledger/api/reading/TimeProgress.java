package cn.gov.ledger.api.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;

/** 序时进度: the share of the fiscal year elapsed at a date, in percent (0 before it, 100 after it). */
final class TimeProgress {

    private TimeProgress() {
    }

    static BigDecimal of(int fiscalYear, LocalDate date) {
        LocalDate start = LocalDate.of(fiscalYear, 1, 1);
        int days = Year.of(fiscalYear).length();
        long elapsed = Math.max(0, Math.min(days, ChronoUnit.DAYS.between(start, date) + 1));
        return BigDecimal.valueOf(elapsed * 100L).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    }
}
