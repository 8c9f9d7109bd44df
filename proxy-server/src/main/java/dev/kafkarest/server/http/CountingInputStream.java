package dev.kafkarest.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntConsumer;

/**
 * A request body that reports the bytes read from it as they are read, so that a filter can refuse a body
 * while it streams in (a size limit, a quota) by throwing from {@code onBytes}.
 */
public final class CountingInputStream extends FilterInputStream {
  private final IntConsumer onBytes;

  /** @param onBytes told of each run of bytes read, before the caller sees them; may throw to stop the read */
  public CountingInputStream(InputStream in, IntConsumer onBytes) {
    super(in);
    this.onBytes = onBytes;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      onBytes.accept(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      onBytes.accept(n);
    }
    return n;
  }
}
