package cn.gov.ledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, in one table: SecurityConfiguration builds Spring Security's authorization
 * from it, and DirectPostingFilter, which takes single postings in before Spring Security, asks it
 * too. The first rule that matches a request decides; a request no rule matches needs a valid key
 * of any role. A key's scope (KeyScope) limits it further: POSTER keys by UnitPermissions when a
 * posting is written, reads by ScopeCheck.
 */
public final class AccessRules {

    /**
     * Requests of the method (any where null) whose path matches the pattern (PathPattern syntax),
     * open to anyone without a key when {@code roles} is empty, otherwise to keys of those roles.
     */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, RequestMatcher matcher) {

        Rule(HttpMethod method, String pattern, Set<Role> roles) {
            this(method, pattern, roles, PathPatternRequestMatcher.withDefaults().matcher(method, pattern));
        }

        public boolean open() {
            return roles.isEmpty();
        }

        /** Whether a key of the role may call what this rule matches. */
        public boolean allows(Role role) {
            return open() || roles.contains(role);
        }
    }

    private static final Set<Role> ANYONE = Set.of();
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.GET, "/", ANYONE),
            new Rule(HttpMethod.GET, "/actuator/health", ANYONE),
            new Rule(HttpMethod.GET, "/actuator/health/**", ANYONE),
            new Rule(null, "/actuator/**", ADMIN),
            new Rule(HttpMethod.PUT, "/api/v1/units/**", ADMIN),
            new Rule(HttpMethod.PUT, "/api/v1/classifications/**", ADMIN),
            new Rule(null, "/api/v1/fiscal-years/**", ADMIN),
            new Rule(null, "/api/v1/audit/**", EnumSet.of(Role.AUDITOR, Role.ADMIN)),
            new Rule(null, "/api/v1/operations/**", ADMIN),
            new Rule(null, "/api/v1/api-keys/**", ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/postings/*", EnumSet.of(Role.POSTER, Role.AUDITOR, Role.ADMIN)),
            new Rule(HttpMethod.POST, "/api/v1/**", EnumSet.of(Role.POSTER, Role.ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/**", EnumSet.allOf(Role.class)));

    private AccessRules() {
    }

    /** The rules in the order they are tried. */
    public static List<Rule> rules() {
        return RULES;
    }

    /** Whether a valid key of the role may make the request. */
    public static boolean allows(HttpServletRequest request, Role role) {
        for (Rule rule : RULES) {
            if (rule.matcher().matches(request)) {
                return rule.allows(role);
            }
        }
        return true;
    }
}
