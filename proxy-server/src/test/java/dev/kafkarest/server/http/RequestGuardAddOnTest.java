package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guards on a bare Grizzly server whose handler echoes the body's length. */
class RequestGuardAddOnTest {
  private static final HttpLimits LIMITS =
      new HttpLimits(Duration.ofMillis(300), 2048, 10, 3, Duration.ofSeconds(30), 1_000_000, Duration.ofSeconds(30));

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private HttpServer server;
  private int port;

  @BeforeEach
  void start() throws IOException {
    start(LIMITS, BodyAdmission.NONE);
  }

  /** (Re)starts the server with {@code limits} and {@code admission}; the handler tells whether it got a hold. */
  private void start(HttpLimits limits, BodyAdmission admission) throws IOException {
    start(limits, admission, 0);
  }

  /**
   * @param selectors the listener's selector threads, 0 for Grizzly's default; with one, events of every
   *     connection are handled in turn, so an answer on a new connection means earlier events are done
   */
  private void start(HttpLimits limits, BodyAdmission admission, int selectors) throws IOException {
    if (server != null) {
      server.shutdownNow();
    }
    server = new HttpServer();
    NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);
    if (selectors > 0) {
      listener.getTransport().setSelectorRunnersCount(selectors);
    }
    new RequestGuardAddOn(limits, 1000, timer, admission).configure(listener);
    server.addListener(listener);
    server.getServerConfiguration().addHttpHandler(new HttpHandler() {
      @Override
      public void service(Request request, Response response) throws Exception {
        byte[] body = request.getInputStream().readAllBytes();
        response.setContentType("text/plain");
        response.getWriter().write("read " + body.length
            + (request.getAttribute(BodyHold.PROPERTY) instanceof BodyHold ? " held" : "")
            + (request.getMethod().getMethodString().matches("[A-Z]+") ? "" : " by " + request.getMethod()));
      }
    });
    server.start();
    port = listener.getPort();
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
    timer.shutdownNow();
  }

  private static HttpLimits withBodyBudget(long bytes) {
    return new HttpLimits(Duration.ofSeconds(5), 2048, 10, 100, Duration.ofSeconds(30), bytes, Duration.ofSeconds(30));
  }

  @Test
  void bodyOverTheBudget_gets503WithRetryAfter_andCompletedBodiesGiveTheirBytesBack() throws Exception {
    start(withBodyBudget(100), BodyAdmission.NONE);
    try (Socket first = connect()) {
      send(first, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 80\r\nConnection: close\r\n"
          + "Expect: 100-continue\r\n\r\n");
      awaitContinue(first);
      send(first, "abc");
      try (Socket second = connect()) {
        send(second, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nabc");

        String refused = readAll(second);
        assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
        assertTrue(refused.contains("\r\nRetry-After: 1\r\n"), refused);
        assertTrue(refused.endsWith("{\"error_code\":503,\"message\":\"The server holds too many request bodies that "
            + "are still arriving; try again later.\"}"), refused);
      }
      send(first, "d".repeat(77));
      assertTrue(readAll(first).contains("\nread 80"));
    }
    try (Socket third = connect()) {
      send(third, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\nConnection: close\r\n\r\nabc");
      send(third, "d".repeat(47));
      assertTrue(readAll(third).contains("\nread 50"));
    }
  }

  @Test
  void chunkedBodyGrowingOverTheBudget_gets503() throws Exception {
    start(withBodyBudget(100), BodyAdmission.NONE);
    try (Socket first = connect(); Socket second = connect()) {
      send(first, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 80\r\nExpect: 100-continue\r\n\r\n");
      awaitContinue(first);
      send(second, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
      send(second, "1e\r\n" + "e".repeat(30) + "\r\n");

      assertTrue(readAll(second).startsWith("HTTP/1.1 503 "));
    }
  }

  @Test
  void bodyAlone_isCollectedEvenWhenLargerThanTheBudget() throws Exception {
    start(withBodyBudget(10), BodyAdmission.NONE);
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\nConnection: close\r\n\r\nabc");
      send(socket, "d".repeat(47));

      assertTrue(readAll(socket).contains("\nread 50"));
    }
  }

  @Test
  void admissionRefusal_isAnsweredAtOnceWithItsStatusAndRetryAfter() throws Exception {
    start(withBodyBudget(1000), (method, path, length) ->
        new BodyAdmission.Refusal(429, 42901, "Too many produce bytes in flight; retry after 2 seconds.", 2));
    try (Socket socket = connect()) {
      send(socket, "POST /topics/t HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nabc");

      String answer = readAll(socket);
      assertTrue(answer.startsWith("HTTP/1.1 429 "), answer);
      assertTrue(answer.contains("\r\nRetry-After: 2\r\n"), answer);
      assertTrue(answer.endsWith(
          "{\"error_code\":42901,\"message\":\"Too many produce bytes in flight; retry after 2 seconds.\"}"), answer);
    }
  }

  @Test
  void admission_isAskedWithTheRequest_andItsHoldIsReleasedWhenTheClientDisconnects() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    List<String> asked = new ArrayList<>();
    start(withBodyBudget(1000), (method, path, length) -> {
      asked.add(method + " " + path + " " + length);
      return BodyHold.of(released::countDown);
    });
    try (Socket socket = connect()) {
      send(socket, "POST /topics/t?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nabc");
      assertEquals("", available(socket));
    }

    assertTrue(released.await(5, TimeUnit.SECONDS), "the hold was not released");
    assertEquals(List.of("POST /topics/t 50"), asked);
  }

  @Test
  void holdOfACompletedBody_reachesTheHandler_andIsReleasedWithTheResponse() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    start(withBodyBudget(1000), (method, path, length) -> BodyHold.of(released::countDown));
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nConnection: close\r\n"
          + "Expect: 100-continue\r\n\r\n");
      awaitContinue(socket);
      send(socket, "abcdef");

      String answer = readAll(socket);
      assertTrue(answer.contains("\nread 6 held"), answer);
      assertTrue(released.await(5, TimeUnit.SECONDS), "the hold was not released with the response");
    }
  }

  @Test
  void bodyArrivingWithItsHeader_isNotAskedAbout() throws Exception {
    start(withBodyBudget(1000), (method, path, length) -> {
      throw new AssertionError("asked about a complete body");
    });
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");

      assertTrue(readAll(socket).contains("\nread 3"));
    }
  }

  @Test
  void bodyInPieces_reachesTheHandlerWhole() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nConnection: close\r\n\r\nabc");
      send(socket, "def");

      assertTrue(readAll(socket).contains("\nread 6"));
    }
  }

  @Test
  void chunkedBody_reachesTheHandlerWhole() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n");
      send(socket, "2\r\nde\r\n0\r\n\r\n");

      assertTrue(readAll(socket).contains("\nread 5"));
    }
  }

  @Test
  void expectContinue_isAnsweredBeforeTheBody() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n");
      socket.setSoTimeout(2000);
      byte[] head = new byte[25];
      int n = socket.getInputStream().read(head);
      String interim = new String(head, 0, n, StandardCharsets.US_ASCII);
      assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
      send(socket, "ab");

      String answer = readAll(socket);
      assertTrue(answer.contains("\nread 2"), answer);
    }
  }

  @Test
  void bodyThatStops_gets408AfterTheTimeout() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc");

      String answer = readAll(socket);

      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      assertTrue(answer.endsWith("{\"error_code\":408,\"message\":\"The request body did not arrive in time.\"}"), answer);
    }
  }

  @Test
  void malformedChunks_get400_andGrizzlyLogsNothingAboveFine() throws Exception {
    start(LIMITS, BodyAdmission.NONE, 1);
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord entry) {
        logged.add(entry);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger grizzly = Logger.getLogger("org.glassfish.grizzly");
    grizzly.addHandler(handler);
    try {
      assertStatus("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400);
      assertStatus("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "fffffffffffffffffffff\r\n{}\r\n0\r\n\r\n", 400);
      // answered on the one selector thread after the bad requests' events, logging included
      try (Socket socket = connect()) {
        send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab");
        assertTrue(readAll(socket).endsWith("read 2"));
      }
    } finally {
      grizzly.removeHandler(handler);
    }

    List<String> loud = logged.stream().filter(entry -> entry.getLevel().intValue() > Level.FINE.intValue())
        .map(entry -> entry.getLevel() + " " + entry.getLoggerName() + " " + entry.getMessage()).toList();
    assertEquals(List.of(), loud);
  }

  @Test
  void headerLineWithoutColon_gets400() throws Exception {
    assertStatus("GET / HTTP/1.1\r\nHost: x\r\nBad\r\n\r\n", 400);
  }

  @Test
  void contentLengthAndTransferEncoding_get400() throws Exception {
    assertStatus("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    assertStatus("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", 400);
  }

  /** Two {@code Content-Length} fields, equal or not, frame no body for sure (RFC 9112 §6.3): 400. */
  @Test
  void twoContentLengths_get400() throws Exception {
    assertStatus("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc", 400);
    assertStatus("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n", 400);
  }

  @Test
  void twoHostFields_get400() throws Exception {
    assertStatus("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
  }

  @Test
  void unknownTransferCoding_gets501() throws Exception {
    assertStatus("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
  }

  @Test
  void connect_gets405() throws Exception {
    assertStatus("CONNECT a:1 HTTP/1.1\r\nHost: x\r\n\r\n", 405);
  }

  @Test
  void announcedBodyOverTheLimit_gets413WithoutWaitingForIt() throws Exception {
    assertStatus("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n", 413);
  }

  @Test
  void unknownContentCoding_gets415() throws Exception {
    assertStatus("POST / HTTP/1.1\r\nHost: x\r\nContent-Encoding: zz\r\nContent-Length: 2\r\n\r\nab", 415);
  }

  @Test
  void identityContentCoding_isRead() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Encoding: identity\r\nContent-Length: 2\r\n"
          + "Connection: close\r\n\r\nab");
      assertTrue(readAll(socket).endsWith("read 2"));
    }
  }

  /** RFC 9112 §2.2: empty lines before a request line are ignored (old clients send one after a POST's body). */
  @Test
  void emptyLinesBeforeTheRequestLine_areIgnored() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab\r\n\r\n"
          + "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
      String answers = readAll(socket);
      assertTrue(answers.contains("read 2"), answers);
      assertTrue(answers.endsWith("read 3"), answers);
    }
  }

  @Test
  void http2PriorKnowledgeOrA20RequestLine_gets505AtOnce() throws Exception {
    assertStatus("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505);
    assertStatus("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505);
  }

  @Test
  void requestTargetOfNoForm_gets400_absoluteFormIsServed() throws Exception {
    assertStatus("GET topics HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    assertStatus("GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    try (Socket socket = connect()) {
      send(socket, "POST http://x/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab");
      assertTrue(readAll(socket).endsWith("read 2"));
    }
  }

  @Test
  void expectationOtherThanContinue_gets417() throws Exception {
    assertStatus("POST / HTTP/1.1\r\nHost: x\r\nExpect: 999-nope\r\nContent-Length: 2\r\n\r\nab", 417);
  }

  @Test
  void tooManyHeaderFields_get431() throws Exception {
    assertStatus("GET / HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(20) + "\r\n", 431);
  }

  @Test
  void oversizedHeader_gets431() throws Exception {
    assertStatus("GET / HTTP/1.1\r\nHost: x\r\nX-A: " + "b".repeat(4000) + "\r\n\r\n", 431);
  }

  /** Which connection is the surplus one depends on the order the server accepts them in. */
  @Test
  void connectionBeyondTheLimit_gets503() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i <= LIMITS.connectionsMax(); i++) {
        held.add(connect());
      }
      List<String> answers = new ArrayList<>();
      for (Socket socket : held) {
        answers.add(available(socket));
      }
      assertEquals(1, answers.stream().filter(answer -> answer.startsWith("HTTP/1.1 503 ")).count(), answers::toString);
      assertEquals(LIMITS.connectionsMax(), answers.stream().filter(String::isEmpty).count(), answers::toString);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  /** Reads the {@code 100 Continue} the filter sends once it has taken a body's bytes. */
  private static void awaitContinue(Socket socket) throws IOException {
    socket.setSoTimeout(5000);
    byte[] interim = new byte[25];
    int n = socket.getInputStream().read(interim);
    String head = new String(interim, 0, n, StandardCharsets.US_ASCII);
    assertTrue(head.startsWith("HTTP/1.1 100"), head);
  }

  /** {@return what the server sent within 500 ms} */
  private static String available(Socket socket) throws IOException {
    socket.setSoTimeout(500);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      socket.getInputStream().transferTo(all);
    } catch (SocketTimeoutException stillOpen) {
      // what arrived so far
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  private void assertStatus(String request, int status) throws IOException {
    try (Socket socket = connect()) {
      send(socket, request);
      String answer = readAll(socket);
      assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
      assertTrue(answer.contains("\r\nContent-Type: application/json\r\n"), answer);
      assertTrue(answer.endsWith("\"error_code\":" + status + ",\"message\":\"" + RawErrors.message(status) + "\"}"),
          answer);
      assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, answer);
    }
  }

  private Socket connect() throws IOException {
    return new Socket("127.0.0.1", port);
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Everything until the server closes the connection (at most 5 s). */
  private static String readAll(Socket socket) throws IOException {
    socket.setSoTimeout(5000);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    try {
      in.transferTo(all);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("still open; received " + all.toString(StandardCharsets.UTF_8), e);
    }
    return all.toString(StandardCharsets.UTF_8);
  }
}
