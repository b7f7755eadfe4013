package cn.gov.ledger.api.unit;

import cn.gov.ledger.api.security.ApiKeyAuthentication;
import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.CorrelationIdFilter;
import cn.gov.ledger.core.unit.UnitAttributes;
import cn.gov.ledger.core.unit.UnitType;
import cn.gov.ledger.projections.unit.UnitVersion;
import cn.gov.ledger.projections.unit.UnitVersions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Budget units (预算单位), the departments (部门) they belong to, and their history. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data")
public class UnitController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String CODE_RULE = "must be 1-64 letters, digits, '.', '_' or '-'";

    /**
     * @param unitCode       optional; when given it must be the code in the path
     * @param unitType       optional; OTHER (其他) when left out
     * @param parentUnitCode optional; a registered unit
     * @param effectiveDate  optional; a new unit is registered from the beginning (1990-01-01), a
     *                       change takes effect today in the ledger's time zone
     */
    public record UnitRequest(String unitCode, String name, String departmentCode, String departmentName,
                              UnitType unitType, String parentUnitCode, LocalDate effectiveDate) {
    }

    private final UnitCommands commands;
    private final UnitVersions versions;
    private final ScopeCheck scopes;

    public UnitController(UnitCommands commands, UnitVersions versions, ScopeCheck scopes) {
        this.commands = commands;
        this.versions = versions;
        this.scopes = scopes;
    }

    @Operation(summary = "Register a budget unit, or change it from a date (today by default); unchanged, nothing is written")
    @PutMapping("/units/{unitCode}")
    ResponseEntity<Map<String, Object>> putUnit(@PathVariable String unitCode, @RequestBody UnitRequest body,
                                                HttpServletRequest request) {
        UnitAttributes attributes = validate(unitCode, body);
        String postedBy = SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key
                ? key.holder().name() : "unknown";
        UnitCommands.Outcome outcome = commands.put(unitCode, attributes, body.effectiveDate(), postedBy,
                CorrelationIdFilter.of(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unitCode", unitCode);
        answer.put("name", attributes.name());
        answer.put("departmentCode", attributes.departmentCode());
        answer.put("departmentName", attributes.departmentName());
        answer.put("unitType", attributes.unitType());
        answer.put("parentUnitCode", attributes.parentUnitCode());
        answer.put("effectiveDate", outcome.effectiveDate());
        return ResponseEntity.status(outcome.registered() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @Operation(summary = "Every budget unit the key may see (a scoped key: those in its scope) as of asOf "
            + "(its latest version without), as known at knownAt")
    @GetMapping("/units")
    Map<String, Object> units(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                              @RequestParam(required = false) Instant knownAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", asOf);
        body.put("knownAt", knownAt);
        body.put("rows", versions.all(asOf, knownAt).stream().filter(scopes::maySee).map(UnitController::row).toList());
        return body;
    }

    @Operation(summary = "A budget unit's versions, in the order they were recorded")
    @GetMapping("/units/{unitCode}/history")
    Map<String, Object> history(@PathVariable String unitCode) {
        scopes.requireRead(null, unitCode);
        List<UnitVersion> history = versions.history(unitCode);
        if (history.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "UNIT_NOT_FOUND", "unit " + unitCode + " is not registered");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", unitCode);
        body.put("versions", history.stream().map(UnitController::row).toList());
        return body;
    }

    private UnitAttributes validate(String unitCode, UnitRequest body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!CODE.matcher(unitCode).matches()) {
            errors.put("unitCode", CODE_RULE);
        }
        if (body.departmentCode() == null || !CODE.matcher(body.departmentCode()).matches()) {
            errors.put("departmentCode", CODE_RULE);
        }
        if (body.unitCode() != null && !body.unitCode().equals(unitCode)) {
            errors.put("unitCode", "must be the unit code of the path, or left out");
        }
        requireName(errors, "name", body.name());
        requireName(errors, "departmentName", body.departmentName());
        String parent = body.parentUnitCode();
        if (parent != null && !CODE.matcher(parent).matches()) {
            errors.put("parentUnitCode", CODE_RULE);
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        if (parent != null && !parent.equals(unitCode) && !versions.exists(parent)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE", "parent unit " + parent + " is not registered",
                    Map.of("field", "parentUnitCode"));
        }
        return new UnitAttributes(body.name(), body.departmentCode(), body.departmentName(),
                body.unitType() != null ? body.unitType() : UnitType.OTHER, parent);
    }

    private static void requireName(Map<String, String> errors, String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "is required: 1-200 characters without control characters");
        }
    }

    private static Map<String, Object> row(UnitVersion v) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("unitCode", v.unitCode());
        row.put("name", v.name());
        row.put("departmentCode", v.departmentCode());
        row.put("departmentName", v.departmentName());
        row.put("unitType", v.unitType());
        row.put("parentUnitCode", v.parentUnitCode());
        row.put("effectiveDate", v.effectiveDate());
        row.put("recordedAt", v.recordedAt());
        row.put("version", v.version());
        return row;
    }
}
