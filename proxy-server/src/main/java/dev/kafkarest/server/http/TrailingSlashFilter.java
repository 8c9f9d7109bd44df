package dev.kafkarest.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/** Treats {@code /path/} as {@code /path}, as clients built against other proxies expect. */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR + 2)
public final class TrailingSlashFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    String path = uri.getRawPath();
    if (path != null && path.length() > 1 && path.endsWith("/")) {
      String trimmed = path.replaceAll("/+$", "");
      request.setRequestUri(UriBuilder.fromUri(uri).replacePath(trimmed.isEmpty() ? "/" : trimmed).build());
    }
  }
}
