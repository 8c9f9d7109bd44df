package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

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
      request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes));
    }
  }

  private ProxyException tooLarge() {
    return new ProxyException(ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body is larger than the limit of " + maxBytes + " bytes (request.body.max.bytes).");
  }

  private final class LimitedInputStream extends FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      remaining -= n;
      if (remaining < 0) {
        throw tooLarge();
      }
    }
  }
}
