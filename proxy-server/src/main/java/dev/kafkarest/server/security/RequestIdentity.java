package dev.kafkarest.server.security;

import dev.kafkarest.core.access.Identity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;

/** Where the {@link AuthenticationFilter} leaves a request's {@link Identity}, and how to read it. */
public final class RequestIdentity {
  /** The request property holding the {@link Identity}. */
  public static final String PROPERTY = "dev.kafkarest.identity";

  private RequestIdentity() {}

  /** {@return the request's identity; anonymous when authentication is off or the path skips it} */
  public static Identity of(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof Identity identity ? identity : Identity.anonymous();
  }

  /**
   * {@return the identity behind a security context set by the filter (also when injected with
   * {@code @Context}); anonymous for any other}
   */
  public static Identity of(SecurityContext context) {
    return context.getUserPrincipal() instanceof IdentitySecurityContext.IdentityPrincipal principal
        ? principal.identity() : Identity.anonymous();
  }
}
