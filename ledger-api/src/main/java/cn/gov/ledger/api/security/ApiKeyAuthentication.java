package cn.gov.ledger.api.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by its API key; the principal is the key's holder. */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeys.Holder holder;

    ApiKeyAuthentication(ApiKeys.Holder holder) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + holder.role().name())));
        this.holder = holder;
        setAuthenticated(true);
    }

    public ApiKeys.Holder holder() {
        return holder;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return holder.name();
    }

    @Override
    public String getName() {
        return holder.name();
    }
}
