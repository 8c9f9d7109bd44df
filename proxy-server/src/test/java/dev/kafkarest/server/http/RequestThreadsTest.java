package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which thread takes a request through Jersey, seen from a real Grizzly server with Jersey behind the guard. */
class RequestThreadsTest {
  private static final String READ = "/consumers/g/instances/i/records";
  private static final String SELECTOR = "grizzly-nio-kernel";
  private static final int LARGE_BYTES = 8 << 20;
  /** Answers the suspended reads, as the proxy's response threads do. */
  private static final ExecutorService ANSWERS = Executors.newSingleThreadExecutor();
  /** The thread each read went through Jersey on, in order. */
  private static final BlockingQueue<String> READ_THREADS = new ArrayBlockingQueue<>(1_000);

  /** Counted down once the large body is handed to Grizzly. */
  private static CountDownLatch LARGE_WRITTEN;

  private HttpServer server;

  @Path("/")
  public static final class Probe {
    /** Answers later, from another thread, with the thread that took it through Jersey. */
    @GET
    @Path("consumers/{group}/instances/{instance}/records")
    @Produces(MediaType.TEXT_PLAIN)
    public void read(@Suspended AsyncResponse response) {
      String thread = Thread.currentThread().getName();
      READ_THREADS.add(thread);
      ANSWERS.execute(() -> response.resume(thread));
    }

    @GET
    @Path("consumers/{group}/instances/{instance}/subscription")
    @Produces(MediaType.TEXT_PLAIN)
    public String other() {
      return Thread.currentThread().getName();
    }

    /** A body larger than the sockets hold, so that the client's not reading leaves part of it queued. */
    @GET
    @Path("large")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public StreamingOutput large() {
      return output -> {
        output.write(new byte[LARGE_BYTES]);
        LARGE_WRITTEN.countDown();
      };
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
    READ_THREADS.clear();
  }

  @AfterAll
  static void stopAnswers() {
    ANSWERS.shutdownNow();
  }

  @Test
  void isBodilessRead_onlyAnHttp11GetOfRecordsWithoutABody() {
    assertTrue(read(Method.GET, READ, -1, false));
    assertTrue(read(Method.GET, READ, 0, false));
    assertFalse(read(Method.GET, READ, 2, false), "a body to read");
    assertFalse(read(Method.GET, READ, -1, true), "a chunked body to read");
    assertFalse(read(Method.POST, READ, -1, false));
    assertFalse(read(Method.GET, "/consumers/g/instances/i/subscription", -1, false));
    assertFalse(read(Method.GET, "/consumers/g/instances/i/records/x", -1, false));
    assertFalse(read(Method.GET, "/consumers/g/x/instances/i/records", -1, false));
    assertFalse(read(Method.GET, "/topics/records", -1, false));
    assertFalse(RequestThreads.isBodilessRead(Protocol.HTTP_1_0, Method.GET, READ, -1, false), "HTTP/1.0");
  }

  private static boolean read(Method method, String uri, long contentLength, boolean chunked) {
    return RequestThreads.isBodilessRead(Protocol.HTTP_1_1, method, uri, contentLength, chunked);
  }

  @Test
  void forProxy_aRecordsReadGoesThroughJerseyOnTheSelectorThread() throws Exception {
    int port = start(RequestThreads.forProxy(false));

    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertTrue(answer(socket, READ).startsWith(SELECTOR), "the read's thread");
      assertFalse(answer(socket, "/consumers/g/instances/i/subscription").startsWith(SELECTOR),
          "any other call goes to a worker");
    }
  }

  @Test
  void forProxy_anHttp10Read_goesToAWorker() throws Exception {
    int port = start(RequestThreads.forProxy(false));

    // Without a Host header Jersey would name the listener's host, which may take a reverse DNS look-up.
    try (Socket socket = new Socket("127.0.0.1", port)) {
      write(socket, "GET " + READ + " HTTP/1.0\r\n\r\n");
      assertFalse(body(socket.getInputStream()).startsWith(SELECTOR));
    }
  }

  @Test
  void forProxy_checkingCallers_aRecordsReadGoesToAWorker() throws Exception {
    int port = start(RequestThreads.forProxy(true));

    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertFalse(answer(socket, READ).startsWith(SELECTOR));
    }
  }

  @Test
  void workersOnly_aRecordsReadGoesToAWorker() throws Exception {
    int port = start(RequestThreads.workersOnly());

    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertFalse(answer(socket, READ).startsWith(SELECTOR));
    }
  }

  @Test
  void forProxy_readsInARowOnOneConnection_eachIsAnswered() throws Exception {
    int port = start(RequestThreads.forProxy(false));

    // Each read is sent the moment the last answer arrives, while the thread that wrote it may still be
    // finishing that exchange; handled on the selector without suspending first, the sixth or so was lost.
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      for (int i = 0; i < 200; i++) {
        assertTrue(answer(socket, READ).startsWith(SELECTOR), "read " + i);
      }
    }
  }

  @Test
  void forProxy_connectionWithAnAnswerStillQueued_theReadGoesToAWorker() throws Exception {
    int port = start(RequestThreads.forProxy(false));

    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(10_000);
      // Unread, the large answer fills the sockets, and its rest waits in the connection's queue when the read
      // sent after it is taken through Jersey.
      LARGE_WRITTEN = new CountDownLatch(1);
      write(socket, request("/large"));
      assertTrue(LARGE_WRITTEN.await(10, TimeUnit.SECONDS), "the large body was not written");
      write(socket, request(READ));
      String thread = READ_THREADS.poll(10, TimeUnit.SECONDS);
      assertNotNull(thread, "the pipelined read was not served");
      assertFalse(thread.startsWith(SELECTOR), thread);
      assertEquals(LARGE_BYTES, skipAnswer(socket.getInputStream()));
      assertEquals(thread, body(socket.getInputStream()));
    }
  }

  private int start(RequestThreads threads) throws IOException {
    ResourceConfig app = new ResourceConfig().register(Probe.class);
    server = MalformedUriGuard.createServer(URI.create("http://127.0.0.1:0/"), app, jersey -> jersey, threads);
    server.start();
    return server.getListener("grizzly").getPort();
  }

  private static String request(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Sends a GET on the connection and {@return its answer's body}, which must come with status 200 */
  private static String answer(Socket socket, String path) throws IOException {
    write(socket, request(path));
    return body(socket.getInputStream());
  }

  private static String body(InputStream in) throws IOException {
    return new String(readAnswer(in), StandardCharsets.UTF_8);
  }

  /** {@return the length of the next answer's body}, read and dropped */
  private static int skipAnswer(InputStream in) throws IOException {
    return readAnswer(in).length;
  }

  private static byte[] readAnswer(InputStream in) throws IOException {
    String head = head(in);
    assertTrue(head.startsWith("HTTP/1.1 200") || head.startsWith("HTTP/1.0 200"), head);
    String lower = head.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("transfer-encoding: chunked")) {
      return chunked(in);
    }
    int at = lower.indexOf("content-length:");
    int end = lower.indexOf("\r\n", at);
    int length = Integer.parseInt(lower.substring(at + "content-length:".length(), end).trim());
    return in.readNBytes(length);
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed after " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int size = Integer.parseInt(sizeLine.trim(), 16);
      if (size == 0) {
        line(in);
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
