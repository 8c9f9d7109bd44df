package dev.kafkarest.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, used by one thread at a time.
 *
 * <p>Requests are pre-built byte arrays (see {@link #request}); a response is read as a status line,
 * headers and a body framed by {@code Content-Length} or {@code Transfer-Encoding: chunked}. The body
 * lands in a buffer that is reused for the next response, so a measuring loop allocates almost nothing.
 */
final class HttpConnection implements Closeable {
  private static final int READ_TIMEOUT_MS = 30_000;

  private final String host;
  private final int port;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private boolean open;
  private byte[] body = new byte[64 * 1024];
  private int bodyLength;
  private final byte[] line = new byte[16 * 1024];

  HttpConnection(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    connect();
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    open = true;
  }

  /** Builds the bytes of one request; the {@code Host} and {@code Content-Length} headers are added here. */
  static byte[] request(String method, String target, String hostPort, String[] headers, byte[] requestBody) {
    StringBuilder head = new StringBuilder(256)
        .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(hostPort).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    if (requestBody.length > 0 || method.equals("POST")) {
      head.append("Content-Length: ").append(requestBody.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(headBytes, headBytes.length + requestBody.length);
    System.arraycopy(requestBody, 0, all, headBytes.length, requestBody.length);
    return all;
  }

  /** Sends one request and reads its response; {@return the HTTP status} */
  int exchange(byte[] request) throws IOException {
    send(request);
    return receive();
  }

  /**
   * Sends one request without reading its response, which {@link #receive} reads; a request sent before the
   * response of the one before was read is pipelined (HTTP/1.1), and the body of that response stays readable
   * until the next {@link #receive}.
   */
  void send(byte[] request) throws IOException {
    if (!open) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
    } catch (IOException e) {
      closeQuietly();
      throw e;
    }
  }

  /** Reads the response of the oldest request sent and not yet answered; {@return the HTTP status} */
  int receive() throws IOException {
    try {
      return readResponse();
    } catch (IOException e) {
      closeQuietly();
      throw e;
    }
  }

  byte[] body() {
    return body;
  }

  int bodyLength() {
    return bodyLength;
  }

  String bodyString() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  private int readResponse() throws IOException {
    int status;
    long contentLength;
    boolean chunked;
    boolean close;
    do {
      int n = readLine();
      if (n < 12 || line[0] != 'H') {
        throw new IOException("Bad status line: " + new String(line, 0, n, StandardCharsets.ISO_8859_1));
      }
      status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
      contentLength = -1;
      chunked = false;
      close = false;
      while ((n = readLine()) > 0) {
        int colon = indexOf(line, n, (byte) ':');
        if (colon <= 0) {
          continue;
        }
        String name = new String(line, 0, colon, StandardCharsets.ISO_8859_1).trim();
        String value = new String(line, colon + 1, n - colon - 1, StandardCharsets.ISO_8859_1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          contentLength = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          close = value.equalsIgnoreCase("close");
        }
      }
    } while (status >= 100 && status < 200);
    bodyLength = 0;
    if (chunked) {
      while (true) {
        int n = readLine();
        int size = 0;
        for (int i = 0; i < n && line[i] != ';'; i++) {
          size = size * 16 + Character.digit(line[i], 16);
        }
        if (size == 0) {
          while (readLine() > 0) {
            // trailers
          }
          break;
        }
        readBody(size);
        readLine();
      }
    } else if (contentLength >= 0) {
      readBody(Math.toIntExact(contentLength));
    } else if (status != 204 && status != 304) {
      byte[] chunk = new byte[8192];
      int read;
      while ((read = in.read(chunk)) >= 0) {
        ensure(bodyLength + read);
        System.arraycopy(chunk, 0, body, bodyLength, read);
        bodyLength += read;
      }
      close = true;
    }
    if (close) {
      closeQuietly();
    }
    return status;
  }

  private void readBody(int size) throws IOException {
    ensure(bodyLength + size);
    int done = 0;
    while (done < size) {
      int read = in.read(body, bodyLength + done, size - done);
      if (read < 0) {
        throw new EOFException("Connection closed inside a response body");
      }
      done += read;
    }
    bodyLength += size;
  }

  private void ensure(int capacity) {
    if (capacity > body.length) {
      body = Arrays.copyOf(body, Math.max(capacity, body.length * 2));
    }
  }

  /** Reads one line without its CRLF into {@link #line}; {@return its length} */
  private int readLine() throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("Connection closed by the server");
      }
      if (b == '\n') {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
      }
      if (n < line.length) {
        line[n++] = (byte) b;
      }
    }
  }

  private static int indexOf(byte[] bytes, int length, byte wanted) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private void closeQuietly() {
    open = false;
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
