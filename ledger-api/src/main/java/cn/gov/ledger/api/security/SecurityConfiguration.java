package cn.gov.ledger.api.security;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.ProblemResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what, as AccessRules lists it: a request needs {@code Authorization: Bearer <api key>}
 * (401 without a valid one) unless its rule is open, and the key's role must allow the endpoint
 * (403 otherwise).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, ObjectMapper json) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                // stateless, and without the filters a browser login needs: they would run on every request
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .addFilterBefore(new BearerKeyFilter(keys), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> {
                    for (AccessRules.Rule rule : AccessRules.rules()) {
                        var matched = auth.requestMatchers(rule.matcher());
                        if (rule.open()) {
                            matched.permitAll();
                        } else {
                            matched.hasAnyRole(rule.roles().stream().map(Role::name).toArray(String[]::new));
                        }
                    }
                    auth.anyRequest().authenticated();
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> ProblemResponse.write(json,
                                request, response, new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                        "send a valid API key as 'Authorization: Bearer <key>'")))
                        .accessDeniedHandler((request, response, denied) -> ProblemResponse.write(json,
                                request, response, new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN",
                                        "this key's role may not call " + request.getMethod() + " "
                                                + request.getRequestURI()))))
                .build();
    }

    /**
     * No observation per security filter, for speed (see docs/performance.md); requests are still
     * observed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Authenticates {@code Authorization: Bearer <key>}; an unknown key stays anonymous (401). */
    private static final class BearerKeyFilter extends OncePerRequestFilter {
        private final ApiKeys keys;

        BearerKeyFilter(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            keys.holderOfAuthorization(request.getHeader("Authorization")).ifPresent(holder ->
                    SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(holder)));
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
