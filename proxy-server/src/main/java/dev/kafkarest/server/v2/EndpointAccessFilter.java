package dev.kafkarest.server.v2;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Confluent's {@code api.endpoints.allowlist} and {@code api.endpoints.blocklist}: an endpoint whose name
 * ({@link EndpointNames}) or family is not in a non-empty allowlist, or is in the blocklist, answers 404 to
 * {@code GET} (and {@code HEAD}) and 405 to other methods, before authentication, as in Confluent. {@code OPTIONS}
 * always passes.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class EndpointAccessFilter implements ContainerRequestFilter {
  private final Set<String> allowlist;
  private final Set<String> blocklist;

  EndpointAccessFilter(Set<String> allowlist, Set<String> blocklist) {
    this.allowlist = Set.copyOf(allowlist);
    this.blocklist = Set.copyOf(blocklist);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String method = request.getMethod();
    if (HttpMethod.OPTIONS.equals(method) || allowlist.isEmpty() && blocklist.isEmpty()) {
      // Nothing is restricted (the default): no endpoint name to work out.
      return;
    }
    boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    String mediaType = read ? readType(request) : request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    // The raw and the decoded path both, so that a percent-escaped letter (/%74opics) cannot pass a blocked name.
    boolean blocked = Stream.of(request.getUriInfo().getRequestUri().getRawPath(), request.getUriInfo().getPath(true))
        .map(EndpointAccessFilter::normalize)
        .map(path -> EndpointNames.of(method, path, mediaType))
        .flatMap(Optional::stream)
        .anyMatch(this::blocked);
    if (blocked) {
      if (read) {
        throw new NotFoundException();
      }
      throw new NotAllowedException(Response.status(Response.Status.METHOD_NOT_ALLOWED).build());
    }
  }

  /**
   * {@return the type that names a read's format}: the Accept header, or a stream's {@code format} parameter
   *     when it has one, which then decides the format
   */
  private static @Nullable String readType(ContainerRequestContext request) {
    String format = request.getUriInfo().getQueryParameters().getFirst("format");
    return format != null && !format.isBlank()
        ? "application/vnd.kafka." + format.strip() + ".v2+json"
        : request.getHeaderString(HttpHeaders.ACCEPT);
  }

  /**
   * {@return the path as Jersey routes it: a leading slash, no matrix parameters, runs of slashes as one, and no
   *     trailing slash}
   */
  static String normalize(@Nullable String path) {
    String collapsed = ("/" + (path == null ? "" : path)).replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
    return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1)
        : collapsed;
  }

  boolean blocked(String name) {
    String family = EndpointNames.family(name);
    boolean allowed = allowlist.isEmpty() || allowlist.contains(name) || allowlist.contains(family);
    return !allowed || blocklist.contains(name) || blocklist.contains(family);
  }
}
