package dev.kafkarest.server.security;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.server.http.GrizzlyRequests;
import dev.kafkarest.server.logging.LogText;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every request before resource matching and leaves its {@link Identity} in the request
 * (see {@link RequestIdentity}) and its {@link SecurityContext}.
 *
 * <p>Skip paths and CORS preflights ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) pass as anonymous. A failure is answered at once: 401/40101 with
 * a {@code WWW-Authenticate} challenge for missing or invalid credentials, 403/40301 for a caller without
 * a required role, group or scope, with a JSON body that says nothing about the reason. Each failure is
 * logged once, with the client address, the principal when known and the reason, never a credential.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);
  /** Request properties where a TLS container leaves the verified client certificate chain. */
  static final List<String> CERTIFICATE_PROPERTIES =
      List.of("jakarta.servlet.request.X509Certificate", "javax.servlet.request.X509Certificate");

  private final AuthenticationMethod method;
  private final String realm;
  private final List<String> skipPaths;
  private final Authenticator authenticator;

  /**
   * @param method decides the challenge and the authentication scheme
   * @param authenticator checks the credentials; for {@link AuthenticationMethod#NONE}, the client
   *     certificate authenticator
   */
  public AuthenticationFilter(AuthenticationMethod method, String realm, List<String> skipPaths,
      Authenticator authenticator) {
    this.method = method;
    this.realm = realm;
    this.skipPaths = List.copyOf(skipPaths);
    this.authenticator = authenticator;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (RequestIdentity.assigned(request)) {
      return;
    }
    if (isPreflight(request) || skips(request)) {
      request.setProperty(RequestIdentity.PROPERTY, Identity.anonymous());
      return;
    }
    Credentials credentials = new Credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION),
        certificates(request));
    Identity identity;
    try {
      identity = authenticator.authenticate(credentials);
    } catch (AuthenticationException e) {
      log(request, e);
      request.abortWith(refusal(e.failure()));
      return;
    }
    RequestIdentity.assign(request, identity, scheme());
  }

  private static boolean isPreflight(ContainerRequestContext request) {
    return HttpMethod.OPTIONS.equals(request.getMethod()) && request.getHeaderString("Origin") != null
        && request.getHeaderString("Access-Control-Request-Method") != null;
  }

  private boolean skips(ContainerRequestContext request) {
    if (skipPaths.isEmpty()) {
      return false;
    }
    String raw = request.getUriInfo().getRequestUri().getRawPath();
    if (raw == null || raw.contains("/.") || raw.contains("%") || raw.contains("//")) {
      return false;
    }
    String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    for (String skip : skipPaths) {
      if (skip.endsWith("/*") ? path.startsWith(skip.substring(0, skip.length() - 1))
          || path.equals(skip.substring(0, skip.length() - 2)) : path.equals(skip)) {
        return true;
      }
    }
    return false;
  }

  private static List<X509Certificate> certificates(ContainerRequestContext request) {
    for (String name : CERTIFICATE_PROPERTIES) {
      if (request.getProperty(name) instanceof X509Certificate[] chain) {
        return List.of(chain);
      }
    }
    return List.of();
  }

  private String scheme() {
    return switch (method) {
      case BASIC -> SecurityContext.BASIC_AUTH;
      case BEARER -> "Bearer";
      case NONE -> SecurityContext.CLIENT_CERT_AUTH;
    };
  }

  private Response refusal(Failure failure) {
    ErrorCode code = failure == Failure.MISSING || failure == Failure.INVALID
        ? ErrorCode.AUTHENTICATION_FAILED : ErrorCode.NOT_AUTHORIZED;
    String message = switch (failure) {
      case MISSING -> "Authentication required";
      case INVALID -> "Invalid credentials";
      case FORBIDDEN, INSUFFICIENT_SCOPE -> ErrorCode.NOT_AUTHORIZED.defaultMessage();
    };
    Response.ResponseBuilder response = Response.status(code.httpStatus())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity("{\"error_code\":" + code.code() + ",\"message\":\"" + message + "\"}");
    String challenge = challenge(failure);
    if (challenge != null) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
    return response.build();
  }

  private @Nullable String challenge(Failure failure) {
    String realmParameter = "realm=\"" + realm + "\"";
    return switch (method) {
      case BASIC -> failure == Failure.FORBIDDEN ? null : "Basic " + realmParameter + ", charset=\"UTF-8\"";
      case BEARER -> switch (failure) {
        case MISSING -> "Bearer " + realmParameter;
        case INVALID -> "Bearer " + realmParameter + ", error=\"invalid_token\"";
        case INSUFFICIENT_SCOPE -> "Bearer " + realmParameter + ", error=\"insufficient_scope\"";
        case FORBIDDEN -> null;
      };
      case NONE -> null;
    };
  }

  private void log(ContainerRequestContext request, AuthenticationException e) {
    String principal = e.principal() == null ? "-" : LogText.loggable(e.principal());
    String reason = LogText.loggable(String.valueOf(e.getMessage()));
    if (e.failure() == Failure.FORBIDDEN || e.failure() == Failure.INSUFFICIENT_SCOPE) {
      LOG.warn("Refused {} {} from {} for principal {}: {}", request.getMethod(), path(request),
          clientAddress(request), principal, reason);
    } else {
      LOG.info("Authentication failed ({}) for {} {} from {}, principal {}: {}", method, request.getMethod(),
          path(request), clientAddress(request), principal, reason);
    }
  }

  private static String path(ContainerRequestContext request) {
    return LogText.loggable(String.valueOf(request.getUriInfo().getRequestUri().getRawPath()));
  }

  private static String clientAddress(ContainerRequestContext request) {
    String address = GrizzlyRequests.clientAddress(request);
    return address == null ? "unknown" : address;
  }
}
