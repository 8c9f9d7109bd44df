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
    if (HttpMethod.OPTIONS.equals(method)) {
      return;
    }
    String path = request.getUriInfo().getRequestUri().getRawPath();
    String trimmed = path == null || path.isEmpty() ? "/" : path.length() > 1 ? path.replaceAll("/+$", "") : path;
    String mediaType = trimmed.endsWith("/records") ? request.getHeaderString(HttpHeaders.ACCEPT)
        : request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    Optional<String> name = EndpointNames.of(method, trimmed.isEmpty() ? "/" : trimmed, mediaType);
    if (name.isPresent() && blocked(name.get())) {
      if (HttpMethod.GET.equals(method)) {
        throw new NotFoundException();
      }
      throw new NotAllowedException(Response.status(Response.Status.METHOD_NOT_ALLOWED).build());
    }
  }

  boolean blocked(String name) {
    String family = EndpointNames.family(name);
    boolean allowed = allowlist.isEmpty() || allowlist.contains(name) || allowlist.contains(family);
    return !allowed || blocklist.contains(name) || blocklist.contains(family);
  }
}
