package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin resource sharing for browser clients and dashboards, configured with Confluent's
 * {@code access.control.allow.*} settings. A preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) from an allowed origin is answered 204 at once; other responses
 * to an allowed origin carry {@code Access-Control-Allow-Origin}. Requests from other origins get no CORS
 * headers, so browsers block them.
 *
 * <p>Browsers send some cross-site writes without a preflight (a form-like {@code POST}, or one without a
 * Content-Type). So a state-changing request that carries an {@code Origin} that is neither allowed nor
 * the proxy's own is refused with 403/40301 whatever its Content-Type. Clients that send no
 * {@code Origin} (curl, servers, other proxies) are not affected.
 *
 * <p>A listed origin may hold {@code *} for any run of host characters ({@code https://*.example.com}), as
 * in Confluent. A request from a listed origin gets its origin back with
 * {@code Access-Control-Allow-Credentials: true}, as Confluent answers, so that a page can send credentials;
 * with {@code *} alone the answer is a literal {@code *} without credentials (Confluent echoes any origin with
 * credentials, which lets every site make authenticated calls).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String ORIGIN = "Origin";
  private static final String REQUEST_METHOD = "Access-Control-Request-Method";
  private static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
  private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final List<String> allowedOrigins;
  private final List<Pattern> originPatterns;
  private final String allowedMethods;
  private final String allowedHeaders;
  private final String exposedHeaders;

  /**
   * @param allowedOrigins origins allowed, {@code *} for any; empty disables CORS
   * @param allowedMethods methods a preflight allows
   * @param allowedHeaders request headers a preflight allows; empty allows what the browser asks for
   * @param exposedHeaders response headers scripts of an allowed origin may read; empty sends no
   *     {@code Access-Control-Expose-Headers}
   */
  public CorsFilter(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
      List<String> exposedHeaders) {
    this.exposedHeaders = String.join(",", exposedHeaders);
    this.allowedOrigins = List.copyOf(allowedOrigins);
    this.originPatterns = allowedOrigins.stream()
        .filter(origin -> origin.contains("*") && !origin.equals("*"))
        .map(CorsFilter::originPattern)
        .toList();
    this.allowedMethods = String.join(",", allowedMethods);
    this.allowedHeaders = String.join(",", allowedHeaders);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString(ORIGIN);
    if (origin != null && !SAFE_METHODS.contains(request.getMethod()) && !allowed(origin)
        && !sameOrigin(request, origin)) {
      throw new ProxyException(ErrorCode.NOT_AUTHORIZED, "Cross-origin " + request.getMethod()
          + " refused: the request's Origin is not listed in access.control.allow.origin.");
    }
    if (origin == null || !allowed(origin) || !HttpMethod.OPTIONS.equals(request.getMethod())
        || request.getHeaderString(REQUEST_METHOD) == null) {
      return;
    }
    String headers = allowedHeaders.isEmpty() ? request.getHeaderString(REQUEST_HEADERS) : allowedHeaders;
    Response.ResponseBuilder preflight = Response.noContent()
        .header("Access-Control-Allow-Origin", allowOriginValue(origin))
        .header("Access-Control-Allow-Credentials", credentials(origin))
        .header("Access-Control-Allow-Methods", allowedMethods)
        .header("Access-Control-Max-Age", "600")
        .header("Vary", ORIGIN);
    if (headers != null && !headers.isEmpty()) {
      preflight.header("Access-Control-Allow-Headers", headers);
    }
    request.abortWith(preflight.build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString(ORIGIN);
    MultivaluedMap<String, Object> headers = response.getHeaders();
    if (origin == null || !allowed(origin) || headers.containsKey("Access-Control-Allow-Origin")) {
      return;
    }
    headers.putSingle("Access-Control-Allow-Origin", allowOriginValue(origin));
    String credentials = credentials(origin);
    if (credentials != null) {
      headers.putSingle("Access-Control-Allow-Credentials", credentials);
    }
    headers.add("Vary", ORIGIN);
    if (!exposedHeaders.isEmpty()) {
      headers.putSingle("Access-Control-Expose-Headers", exposedHeaders);
    }
  }

  private boolean allowed(String origin) {
    return allowedOrigins.contains("*") || listed(origin);
  }

  private boolean listed(String origin) {
    return allowedOrigins.contains(origin) || originPatterns.stream().anyMatch(p -> p.matcher(origin).matches());
  }

  /** {@return "true" for an origin allowed by name or pattern, else null (no header)} */
  private @Nullable String credentials(String origin) {
    return listed(origin) ? "true" : null;
  }

  /** {@code *} stands for host characters only, so that it cannot reach past the host into another origin. */
  private static Pattern originPattern(String origin) {
    StringBuilder regex = new StringBuilder();
    for (String part : origin.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append("[A-Za-z0-9.-]*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** The proxy's own pages (the console) send their own origin, which the Host header names. */
  private static boolean sameOrigin(ContainerRequestContext request, String origin) {
    URI self = request.getUriInfo().getBaseUri();
    return origin.equalsIgnoreCase(self.getScheme() + "://" + self.getRawAuthority());
  }

  private String allowOriginValue(String origin) {
    return listed(origin) ? origin : "*";
  }
}
