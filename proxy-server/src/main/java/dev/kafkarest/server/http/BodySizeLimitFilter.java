package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Refuses request bodies over the configured size with 413: at once when Content-Length says so, and
 * while reading when a chunked body grows past the limit.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR + 1)
public final class BodySizeLimitFilter implements ContainerRequestFilter {
  private final long maxBytes;

  public BodySizeLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    int length = request.getLength();
    if (length > maxBytes) {
      throw tooLarge();
    }
    if (length < 0 && request.hasEntity()) {
      long[] remaining = {maxBytes};
      request.setEntityStream(new CountingInputStream(request.getEntityStream(), n -> {
        remaining[0] -= n;
        if (remaining[0] < 0) {
          throw tooLarge();
        }
      }));
    }
  }

  private ProxyException tooLarge() {
    return new ProxyException(ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body is larger than the limit of " + maxBytes + " bytes (request.body.max.bytes).");
  }

}
