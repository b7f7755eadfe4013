package cn.gov.ledger.api.reference;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.classification.ClassificationCatalog;
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

/** Reference data: budget units and their departments, and the classification code lists. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data")
public class ReferenceController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** @param unitCode optional; when given it must be the code in the path */
    public record UnitRequest(String unitCode, String name, String departmentCode, String departmentName) {
    }

    private final UnitDirectory units;

    public ReferenceController(UnitDirectory units) {
        this.units = units;
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

    @Operation(summary = "Every budget unit")
    @GetMapping("/units")
    Map<String, List<BudgetUnit>> units() {
        return Map.of("rows", units.all());
    }

    @Operation(summary = "The functional classification (支出功能分类科目): 类, 款 and 项")
    @GetMapping("/classifications/functional")
    Map<String, Object> functional() {
        return codes(ClassificationCatalog.standard().functionalCodes());
    }

    @Operation(summary = "The economic classification (部门预算支出经济分类科目): 类 and 款")
    @GetMapping("/classifications/economic")
    Map<String, Object> economic() {
        return codes(ClassificationCatalog.standard().economicCodes());
    }

    private static Map<String, Object> codes(Map<String, String> codes) {
        return Map.of("rows", codes.entrySet().stream()
                .map(e -> Map.of("code", e.getKey(), "name", e.getValue())).toList());
    }

    private static void requireName(Map<String, String> errors, String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "is required: 1-200 characters without control characters");
        }
    }
}
