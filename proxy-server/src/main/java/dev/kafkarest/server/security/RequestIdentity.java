package dev.kafkarest.server.security;

import dev.kafkarest.core.access.Identity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;

/** Where the {@link AuthenticationFilter} leaves a request's {@link Identity}, and how to read it. */
public final class RequestIdentity {
  /** The request property holding the {@link Identity}. */
  public static final String PROPERTY = "dev.kafkarest.identity";

  private RequestIdentity() {}

  /**
   * Leaves {@code identity} in the request: as its property and, when authenticated, as its security
   * context (with the scheme it authenticated by). Authentication then leaves the request alone.
   */
  public static void assign(ContainerRequestContext request, Identity identity, String scheme) {
    request.setProperty(PROPERTY, identity);
    if (identity.authenticated()) {
      SecurityContext original = request.getSecurityContext();
      request.setSecurityContext(new IdentitySecurityContext(identity, scheme, original != null && original.isSecure()));
    }
  }

  /** {@return whether an earlier filter already established the request's identity} */
  static boolean assigned(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof Identity;
  }

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
