package cn.gov.ledger.api.security;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.CorrelationIdFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys issued, listed and revoked at run time by an ADMIN; the secret is answered once, when issued. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys issued at run time: issue (the secret shown once), list, revoke")
public class ApiKeyController {

    /** @param departments, units what a POSTER or VIEWER key is limited to; none for an unscoped key */
    record IssueRequest(String name, String role, List<String> departments, List<String> units) {
    }

    /** A key as listed: never its secret nor the secret's hash. */
    record KeyView(UUID keyId, String name, Role role, List<String> departments, List<String> units,
                   String createdBy, Instant createdAt, String revokedBy, Instant revokedAt) {

        static KeyView of(ApiKeyStore.StoredKey key) {
            return new KeyView(key.keyId(), key.name(), key.role(), key.scope().sortedDepartments(),
                    key.scope().sortedUnits(), key.createdBy(), key.createdAt(), key.revokedBy(), key.revokedAt());
        }
    }

    /** The answer to an issue: the key and, this once, its secret. */
    record IssuedView(UUID keyId, String name, Role role, List<String> departments, List<String> units,
                      String createdBy, Instant createdAt, String secret) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_CODES = 1_000;

    private final ApiKeyIssuance issuance;

    ApiKeyController(ApiKeyIssuance issuance) {
        this.issuance = issuance;
    }

    @Operation(summary = "Issue a key: name, role, and for POSTER or VIEWER optionally departments and units; "
            + "answers its secret, this once")
    @PostMapping
    ResponseEntity<IssuedView> issue(@RequestBody IssueRequest body, HttpServletRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = body.name() == null ? null : body.name().trim();
        if (name == null || name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "is required: 1-200 characters without control characters");
        }
        Role role = role(body.role(), errors);
        codes("departments", body.departments(), errors);
        codes("units", body.units(), errors);
        KeyScope scope = KeyScope.of(body.departments(), body.units());
        if ((role == Role.ADMIN || role == Role.AUDITOR) && !scope.unscoped()) {
            errors.put("role", "an " + role + " key reads everything: give no departments or units");
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        ApiKeyIssuance.Issued issued = issuance.issue(name, role, scope, ScopeCheck.currentHolder().name(),
                CorrelationIdFilter.of(request));
        ApiKeyStore.StoredKey key = issued.key();
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.keyId()))
                .cacheControl(CacheControl.noStore())
                .body(new IssuedView(key.keyId(), key.name(), key.role(), key.scope().sortedDepartments(),
                        key.scope().sortedUnits(), key.createdBy(), key.createdAt(), issued.secret()));
    }

    @Operation(summary = "The keys issued at run time, revoked ones included (not those of the configuration)")
    @GetMapping
    Map<String, List<KeyView>> list() {
        return Map.of("rows", issuance.all().stream().map(KeyView::of).toList());
    }

    @Operation(summary = "Revoke a key: refused on every node from now on; revoking it again changes nothing")
    @DeleteMapping("/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String keyId, HttpServletRequest request) {
        UUID id = parse(keyId);
        if (id == null || !issuance.revoke(id, ScopeCheck.currentHolder().name(), CorrelationIdFilter.of(request))) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "API_KEY_NOT_FOUND", "no key has the id " + keyId);
        }
        return ResponseEntity.noContent().build();
    }

    private static Role role(String value, Map<String, String> errors) {
        try {
            return Role.valueOf(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            errors.put("role", "use one of " + Arrays.toString(Role.values()));
            return null;
        }
    }

    private static void codes(String field, List<String> codes, Map<String, String> errors) {
        if (codes == null) {
            return;
        }
        if (codes.size() > MAX_CODES) {
            errors.put(field, "at most " + MAX_CODES + " codes");
        } else if (!codes.stream().allMatch(code -> code != null && CODE.matcher(code).matches())) {
            errors.put(field, "each code must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    private static UUID parse(String keyId) {
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
