package dev.kafkarest.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Sends hand-written HTTP/1.1 requests over a socket, for what {@code java.net.http} refuses to send:
 * malformed URIs, {@code Upgrade} headers. One request per connection, sent with {@code Connection: close}
 * unless the caller gives its own Connection header; chunked responses are not decoded.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * Sends {@code method target} with the given extra header lines and body, and returns the response. A
   * {@code Host} line among them replaces the one naming {@code base}.
   *
   * @throws AssertionError when no complete response arrives within {@code timeout}
   */
  public static HttpResult send(URI base, String method, String target, List<String> headerLines, byte[] body,
      Duration timeout) {
    return send(null, base, method, target, headerLines, body, timeout);
  }

  /**
   * Like {@link #send(URI, String, String, List, byte[], Duration)}, from the local address {@code from}
   * (for example {@code 127.0.0.2}, to look like another client on loopback); null for any.
   */
  public static HttpResult send(@Nullable InetAddress from, URI base, String method, String target,
      List<String> headerLines, byte[] body, Duration timeout) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      if (from != null) {
        socket.bind(new InetSocketAddress(from, 0));
      }
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout((int) timeout.toMillis());
      StringBuilder head = new StringBuilder()
          .append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      if (headerLines.stream().noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("host:"))) {
        head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
      }
      if (headerLines.stream().noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("connection:"))) {
        head.append("Connection: close\r\n");
      }
      headerLines.forEach(line -> head.append(line).append("\r\n"));
      if (body.length > 0) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return read(socket.getInputStream(), start);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("No complete answer within " + timeout + " to " + method + " " + target, e);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target + " failed", e);
    }
  }

  /**
   * Reads one response: the head up to the empty line, then Content-Length bytes of body, or, without
   * a Content-Length, everything until the server closes the connection.
   */
  static HttpResult read(InputStream in, long start) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("Connection closed before a complete response head: " + head);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
    String[] status = lines[0].split(" ", 3);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    List<String> length = headers.get("Content-Length");
    byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.get(0)));
    return new HttpResult(Integer.parseInt(status[1]), HttpHeaders.of(headers, (name, value) -> true),
        new String(body, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start),
        HttpClient.Version.HTTP_1_1);
  }
}
