package dev.kafkarest.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Ignores the Content-Type of a request that has no body. Real clients send one on GET and DELETE, and
 * curl sends a form type on empty POSTs; neither should turn into a 415.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class BodylessRequestFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null && !request.hasEntity()) {
      request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
    }
  }
}
