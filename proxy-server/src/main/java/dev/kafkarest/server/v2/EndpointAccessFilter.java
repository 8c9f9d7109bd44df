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
 * {@code GET} and 405 to other methods, before authentication, as in Confluent. {@code OPTIONS} always passes.
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
    String accept = request.getHeaderString(HttpHeaders.ACCEPT);
    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    // The raw and the decoded path both, so that a percent-escaped letter (/%74opics) cannot pass a blocked name.
    boolean blocked = Stream.of(request.getUriInfo().getRequestUri().getRawPath(), request.getUriInfo().getPath(true))
        .map(EndpointAccessFilter::normalize)
        .map(path -> EndpointNames.of(method, path, path.endsWith("/records") ? accept : contentType))
        .flatMap(Optional::stream)
        .anyMatch(this::blocked);
    if (blocked) {
      if (HttpMethod.GET.equals(method)) {
        throw new NotFoundException();
      }
      throw new NotAllowedException(Response.status(Response.Status.METHOD_NOT_ALLOWED).build());
    }
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
