package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Inflates request bodies sent with {@code Content-Encoding: gzip} (or {@code x-gzip}); {@code identity} is
 * taken as is and any other coding is refused with 415. It runs before {@link BodySizeLimitFilter} and drops
 * the (compressed) Content-Length, so the body size limit counts the inflated bytes as they stream in: a small
 * body that inflates past {@code request.body.max.bytes} gets 413, never a full buffer. A body that is not
 * gzip gets 400.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class RequestDecodingFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    List<String> codings = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
    if (codings == null || codings.isEmpty() || !request.hasEntity()) {
      return;
    }
    String coding = String.join(",", codings).strip().toLowerCase(Locale.ROOT);
    switch (coding) {
      case "identity", "" -> { }
      case "gzip", "x-gzip" -> {
        request.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        request.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
        request.setEntityStream(new GzipBody(request.getEntityStream()));
      }
      default -> throw new NotSupportedException("Content-Encoding '" + printable(coding)
          + "' is not supported; send gzip or identity.");
    }
  }

  private static String printable(String value) {
    String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** Opens the gzip stream on the first read (reading its header there, not in the filter). */
  private static final class GzipBody extends FilterInputStream {
    private final InputStream compressed;
    private @Nullable GZIPInputStream inflating;

    GzipBody(InputStream compressed) {
      super(compressed);
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        if (inflating == null) {
          inflating = new GZIPInputStream(compressed);
        }
        return inflating.read(buffer, offset, length);
      } catch (ZipException | EOFException e) {
        throw new ProxyException(ErrorCode.BAD_REQUEST,
            "Request body is not valid gzip (Content-Encoding: gzip): " + e.getMessage());
      }
    }

    /** Jersey buffers a stream that cannot mark when it needs to look ahead. */
    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public synchronized void mark(int limit) {}

    @Override
    public synchronized void reset() throws IOException {
      throw new IOException("mark/reset not supported");
    }

    @Override
    public long skip(long n) throws IOException {
      int chunk = (int) Math.max(0, Math.min(n, 8192));
      return Math.max(0, read(new byte[chunk], 0, chunk));
    }

    @Override
    public int available() throws IOException {
      return inflating == null ? 0 : inflating.available();
    }

    @Override
    public void close() throws IOException {
      if (inflating != null) {
        inflating.close();
      } else {
        compressed.close();
      }
    }
  }
}
