package dev.kafkarest.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One client connection driven byte by byte, for what no HTTP client sends: bodies that trickle or stop,
 * smuggling shapes, malformed header lines, connections that send nothing.
 */
final class RawSocket implements AutoCloseable {
  private final Socket socket;
  private final long opened = System.nanoTime();

  RawSocket(URI base) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    } catch (IOException e) {
      throw new UncheckedIOException("connect to " + base, e);
    }
  }

  /** Sends {@code text} as ISO-8859-1 bytes (so {@code \r\n} are what they say). */
  RawSocket send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawSocket send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("write", e);
    }
  }

  /** Ends what this client sends (a half close), as a client that gives up mid-body does. */
  RawSocket endOutput() {
    try {
      socket.shutdownOutput();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("shutdown output", e);
    }
  }

  /**
   * {@return the next response}
   *
   * @throws AssertionError when none arrives within {@code timeout}
   */
  HttpResult response(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      return RawHttp.read(socket.getInputStream(), opened);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("No response within " + timeout, e);
    } catch (IOException e) {
      throw new UncheckedIOException("read", e);
    }
  }

  /**
   * {@return everything the server sends until it closes the connection}
   *
   * @throws AssertionError when the connection is still open after {@code timeout}
   */
  String untilClosed(Duration timeout) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      byte[] chunk = new byte[8192];
      for (int n; (n = socket.getInputStream().read(chunk)) >= 0; ) {
        all.write(chunk, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("Still open after " + timeout + "; received: " + all.toString(StandardCharsets.UTF_8), e);
    } catch (IOException closedByReset) {
      // a reset is a close too
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  /** {@return the time since the connection was opened} */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - opened);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a test's socket
    }
  }
}
