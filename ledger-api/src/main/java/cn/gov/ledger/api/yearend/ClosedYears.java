package cn.gov.ledger.api.yearend;

import cn.gov.ledger.api.posting.ClosedYearLock;
import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.core.indicator.YearLock;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.yearend.YearClose;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The closes of fiscal years, from {@code fiscal_year_close} (one row per department's or unit's
 * year, as its latest close or reopen left it). The write path asks on every posting, so the rows
 * are held in memory for at most {@link #KEPT_FOR}: a close or reopen on another node applies here
 * within that; one on this node at once. The close posts its carry-forwards before it records the
 * close, so they pass the lock.
 */
@Component
public class ClosedYears implements ClosedYearLock, YearLock {

    static final Duration KEPT_FOR = Duration.ofSeconds(5);

    /** One department's or unit's year (exactly one of the codes set). */
    public record YearState(String closeId, int fiscalYear, String departmentCode, String unitCode, boolean closed,
                            long closedAtSequence, boolean reopened) {
    }

    private final JdbcTemplate jdbc;
    private final ScopeCheck scopes;
    private final LoadingCache<Boolean, List<YearState>> closed;

    ClosedYears(JdbcTemplate jdbc, ScopeCheck scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.closed = Caffeine.newBuilder().expireAfterWrite(KEPT_FOR)
                .build(key -> read("WHERE closed"));
    }

    @Override
    public boolean isClosed(String unitCode, int fiscalYear) {
        return closing(unitCode, fiscalYear).isPresent();
    }

    @Override
    public void requireOpen(String unitCode, LocalDate effectiveDate) {
        closing(unitCode, effectiveDate.getYear()).ifPresent(year -> {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("fiscalYear", year.fiscalYear());
            extensions.put(year.unitCode() != null ? "unitCode" : "departmentCode",
                    year.unitCode() != null ? year.unitCode() : year.departmentCode());
            extensions.put("closedAtSequence", year.closedAtSequence());
            throw new ApiProblem(HttpStatus.CONFLICT, "FISCAL_YEAR_CLOSED", "fiscal year " + year.fiscalYear()
                    + " is closed for " + (year.unitCode() != null ? "unit " + year.unitCode()
                    : "department " + year.departmentCode()) + " (unit " + unitCode + "): an ADMIN may reopen it",
                    extensions);
        });
    }

    /** The close that locks the unit's fiscal year: the unit's own or its department's. */
    private Optional<YearState> closing(String unitCode, int fiscalYear) {
        List<YearState> ofYear = closed.get(true).stream().filter(y -> y.fiscalYear() == fiscalYear).toList();
        if (ofYear.isEmpty()) {
            return Optional.empty();
        }
        String department = ofYear.stream().anyMatch(y -> y.departmentCode() != null) ? scopes.departmentOf(unitCode) : null;
        return ofYear.stream().filter(y -> unitCode.equals(y.unitCode())
                || (department != null && department.equals(y.departmentCode()))).findFirst();
    }

    /** The state of a department's or a unit's year, read now; empty when it was never closed. */
    public Optional<YearState> find(int fiscalYear, String departmentCode, String unitCode) {
        return read("WHERE close_id = ?", YearClose.closeId(fiscalYear, departmentCode,
                unitCode)).stream().findFirst();
    }

    /**
     * The close that governs a report of a department or a unit: its own, or for a unit its
     * department's when the unit's year was never closed on its own.
     */
    public Optional<YearState> governing(int fiscalYear, String departmentCode, String unitCode) {
        Optional<YearState> own = find(fiscalYear, departmentCode, unitCode);
        if (own.isPresent() || unitCode == null) {
            return own;
        }
        String department = scopes.departmentOf(unitCode);
        return department == null ? Optional.empty() : find(fiscalYear, department, null);
    }

    /** After a close or reopen on this node: the next posting reads the closes again. */
    void forget() {
        closed.invalidateAll();
    }

    private List<YearState> read(String where, Object... args) {
        return jdbc.query("SELECT close_id, fiscal_year, department_code, unit_code, closed, closed_at_sequence, "
                + "reopened FROM fiscal_year_close " + where, (rs, n) -> new YearState(rs.getString(1), rs.getInt(2),
                rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getLong(6), rs.getBoolean(7)), args);
    }
}
