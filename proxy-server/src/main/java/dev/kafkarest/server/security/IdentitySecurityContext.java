package dev.kafkarest.server.security;

import dev.kafkarest.core.access.Identity;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/** The JAX-RS view of an authenticated {@link Identity}: its groups are the roles. */
record IdentitySecurityContext(Identity identity, String scheme, boolean secure) implements SecurityContext {
  /** The principal of the context; it carries the identity, so that injected context proxies reveal it. */
  record IdentityPrincipal(Identity identity) implements Principal {
    @Override
    public String getName() {
      return identity.name();
    }
  }

  @Override
  public @Nullable Principal getUserPrincipal() {
    return identity.authenticated() ? new IdentityPrincipal(identity) : null;
  }

  @Override
  public boolean isUserInRole(String role) {
    return identity.groups().contains(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return scheme;
  }
}
