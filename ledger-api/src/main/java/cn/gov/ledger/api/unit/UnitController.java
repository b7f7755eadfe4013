package cn.gov.ledger.api.unit;

import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.projections.unit.BudgetUnit;
import cn.gov.ledger.projections.unit.UnitDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Budget units (预算单位) and the departments (部门) they belong to. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data")
public class UnitController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** @param unitCode optional; when given it must be the code in the path */
    public record UnitRequest(String unitCode, String name, String departmentCode, String departmentName) {
    }

    private final UnitDirectory units;
    private final ScopeCheck scopes;

    public UnitController(UnitDirectory units, ScopeCheck scopes) {
        this.units = units;
        this.scopes = scopes;
    }

    @Operation(summary = "Create or replace a budget unit and the department it belongs to")
    @PutMapping("/units/{unitCode}")
    ResponseEntity<BudgetUnit> putUnit(@PathVariable String unitCode, @RequestBody UnitRequest body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!CODE.matcher(unitCode).matches()) {
            errors.put("unitCode", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (body.departmentCode() == null || !CODE.matcher(body.departmentCode()).matches()) {
            errors.put("departmentCode", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (body.unitCode() != null && !body.unitCode().equals(unitCode)) {
            errors.put("unitCode", "must be the unit code of the path, or left out");
        }
        requireName(errors, "name", body.name());
        requireName(errors, "departmentName", body.departmentName());
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        BudgetUnit unit = new BudgetUnit(unitCode, body.name(), body.departmentCode(), body.departmentName());
        boolean created = units.put(unit);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(unit);
    }

    @Operation(summary = "Every budget unit the key may see (a scoped key: those in its scope)")
    @GetMapping("/units")
    Map<String, List<BudgetUnit>> units() {
        return Map.of("rows", units.all().stream().filter(scopes::maySee).toList());
    }

    private static void requireName(Map<String, String> errors, String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "is required: 1-200 characters without control characters");
        }
    }
}
