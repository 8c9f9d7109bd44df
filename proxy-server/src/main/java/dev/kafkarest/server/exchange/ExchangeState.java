package dev.kafkarest.server.exchange;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * What is learnt about one request while it runs: its id and the client's address (when it arrives), the
 * principal and the {@code error_code} of an error response (before the response is written), and the body
 * bytes read and written. The recorder creates it when Jersey starts on the request and reads it once the
 * response is written, when the request itself may already be recycled by the container; the filter finds
 * it in a request property meanwhile. A request runs on one thread at a time (a worker, then possibly a
 * response thread that Jersey hands it to), so plain fields written before a hand-off are seen after it.
 */
final class ExchangeState {
  /** The request property holding the state. */
  static final String PROPERTY = ExchangeState.class.getName();
  private static final String UNKNOWN_ADDRESS = "unknown";

  private String requestId = "";
  private String clientAddress = UNKNOWN_ADDRESS;
  private @Nullable String principal;
  private long requestBytes;
  private long responseBytes;
  private @Nullable Integer errorCode;
  private boolean deferred;
  private boolean stream;
  private boolean bodyWritten;
  private @Nullable Runnable record;

  /** Sets what is known when the request arrives. */
  void arrived(String requestId, @Nullable String clientAddress) {
    this.requestId = requestId;
    this.clientAddress = clientAddress == null ? UNKNOWN_ADDRESS : clientAddress;
  }

  /** {@return the request id, or empty before the request arrived at the filter} */
  String requestId() {
    return requestId;
  }

  String clientAddress() {
    return clientAddress;
  }

  @Nullable String principal() {
    return principal;
  }

  void principal(@Nullable String name) {
    this.principal = name;
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

  /**
   * Defers the record of the exchange until the returned action runs: for a response whose body is written
   * after Jersey is done with the request. The action is idempotent.
   */
  synchronized Runnable defer() {
    deferred = true;
    return this::written;
  }

  /** Defers the record as {@link #defer} does, for a response that is a stream of records. */
  synchronized Runnable deferStream() {
    stream = true;
    return defer();
  }

  /** {@return whether the response is a stream of records} */
  synchronized boolean stream() {
    return stream;
  }

  /** Runs {@code record} now, or once a deferred body is written. */
  void whenWritten(Runnable record) {
    synchronized (this) {
      if (deferred && !bodyWritten) {
        this.record = record;
        return;
      }
    }
    record.run();
  }

  private void written() {
    Runnable pending;
    synchronized (this) {
      if (bodyWritten) {
        return;
      }
      bodyWritten = true;
      pending = record;
      record = null;
    }
    if (pending != null) {
      pending.run();
    }
  }

  /**
   * {@return the request body stream, counting what is read from it; bytes read again after a
   *     {@code reset} (Jersey peeks to tell whether there is a body) count once}
   */
  InputStream countRead(InputStream in) {
    return new FilterInputStream(in) {
      private long marked;

      @Override
      public synchronized void mark(int readLimit) {
        super.mark(readLimit);
        marked = requestBytes;
      }

      @Override
      public synchronized void reset() throws IOException {
        super.reset();
        requestBytes = marked;
      }
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
