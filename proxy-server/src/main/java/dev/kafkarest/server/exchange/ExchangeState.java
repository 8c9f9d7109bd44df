package dev.kafkarest.server.exchange;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * What the filter learns about one request while it runs: its id, the client's address, the bytes read and
 * written, and the {@code error_code} of an error response. Kept in a request property; a request runs on
 * one thread at a time (a worker, then possibly a response thread that Jersey hands it to), so plain fields
 * written before the hand-off are seen after it.
 */
final class ExchangeState {
  /** The request property holding the state. */
  static final String PROPERTY = ExchangeState.class.getName();

  private final String requestId;
  private final String clientAddress;
  private long requestBytes;
  private long responseBytes;
  private @Nullable Integer errorCode;

  ExchangeState(String requestId, String clientAddress) {
    this.requestId = requestId;
    this.clientAddress = clientAddress;
  }

  String requestId() {
    return requestId;
  }

  String clientAddress() {
    return clientAddress;
  }

  long requestBytes() {
    return requestBytes;
  }

  long responseBytes() {
    return responseBytes;
  }

  @Nullable Integer errorCode() {
    return errorCode;
  }

  void errorCode(@Nullable Integer code) {
    this.errorCode = code;
  }

  /** {@return the request body stream, counting what is read from it} */
  InputStream countRead(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          requestBytes++;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          requestBytes += n;
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        requestBytes += Math.max(0, skipped);
        return skipped;
      }
    };
  }

  /** {@return the response body stream, counting what is written to it} */
  OutputStream countWritten(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        responseBytes++;
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        responseBytes += length;
      }
    };
  }
}
