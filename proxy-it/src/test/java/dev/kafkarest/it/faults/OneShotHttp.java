package dev.kafkarest.it.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange on its own connection ({@code Connection: close}), so that a failure says where it
 * happened: {@link ConnectException} before the request reached the proxy, any other {@link IOException}
 * once it was sent (the proxy closed or died with the request in flight). The JDK client's pooled
 * connections cannot tell an idle connection closed by a stopping server from a request cut off.
 */
final class OneShotHttp {
  /** A response: status and body text. */
  record Response(int status, String body) {}

  private OneShotHttp() {}

  static Response exchange(int port, String method, String path, String contentType, byte[] body, int timeoutMs)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(timeoutMs);
      String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
          + "Accept: application/vnd.kafka.v2+json\r\n"
          + (body.length > 0 || method.equals("POST")
              ? "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n" : "")
          + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  private static Response parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      throw new IOException("connection closed without a complete response (" + raw.length + " bytes)");
    }
    int status = Integer.parseInt(text.substring(9, 12));
    String headers = text.substring(0, end).toLowerCase(Locale.ROOT);
    String body = text.substring(end + 4);
    if (headers.contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Response(status, body);
  }

  private static String dechunk(String chunked) throws IOException {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        throw new IOException("response body cut off");
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      // Sizes count bytes; the bodies here are ASCII JSON, so characters are bytes.
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
