package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Refuses a request whose Content-Type cannot be read, or which carries more than one, and one whose Accept header
 * cannot be read ({@code ;;;}, {@code q=abc}), with 400 in the error envelope. Jersey answered these while matching
 * the resource, with an empty body.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR + 2)
public final class ContentTypeFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    requireReadableAccept(request);
    List<String> types = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
    if (types == null || types.isEmpty()) {
      return;
    }
    if (types.size() > 1) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The request has more than one Content-Type header.");
    }
    try {
      MediaType.valueOf(types.get(0));
    } catch (IllegalArgumentException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The Content-Type header is not a valid media type.");
    }
  }

  private static void requireReadableAccept(ContainerRequestContext request) {
    if (!request.getHeaders().containsKey(HttpHeaders.ACCEPT)) {
      return;
    }
    try {
      request.getAcceptableMediaTypes();
    } catch (ProcessingException | IllegalArgumentException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The Accept header is not a valid list of media types.");
    }
  }
}
