package dev.kafkarest.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.stream.ForwardedBodies;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.types.Password;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;

class HttpForwarderTest {

  @Test
  void redirect_keepsTheRawPathAndQuery_onTheOwnersUrl() {
    Response redirect = HttpForwarder.redirect(
        URI.create("http://balancer:8082/consumers/g%2Fx/instances/i/records?timeout=1000&max_bytes=10"),
        "https://node-2:8443/");
    assertEquals(307, redirect.getStatus());
    assertEquals("https://node-2:8443/consumers/g%2Fx/instances/i/records?timeout=1000&max_bytes=10",
        redirect.getLocation().toString());
  }

  @Test
  void hasBody_noneToHeadNorWith204Or304NorOfLengthZero_elseRelayed() {
    assertTrue(HttpForwarder.hasBody("GET", 200, OptionalLong.empty()), "a stream or a chunked answer");
    assertTrue(HttpForwarder.hasBody("GET", 200, OptionalLong.of(2)));
    assertFalse(HttpForwarder.hasBody("GET", 200, OptionalLong.of(0)));
    assertFalse(HttpForwarder.hasBody("DELETE", 204, OptionalLong.empty()));
    assertFalse(HttpForwarder.hasBody("GET", 304, OptionalLong.empty()));
    assertFalse(HttpForwarder.hasBody("HEAD", 200, OptionalLong.of(10)));
  }

  @Test
  void withConnectionOptions_addsTheNamesConnectionLists_inLowerCase() {
    assertEquals(Set.of("te", "x-hop", "keep-alive"),
        HttpForwarder.withConnectionOptions(Set.of("te"), List.of("X-Hop , Keep-Alive", "")));
    assertEquals(Set.of("te"), HttpForwarder.withConnectionOptions(Set.of("te"), List.of()));
  }

  @Test
  void forward_dropsTheHeadersEitherSideNamesInConnection_andPassesTheEndToEndOnes() throws Exception {
    ContainerRequest call = call();
    call.header("Connection", "X-Client-Hop");
    call.header("X-Client-Hop", "client's connection only");
    call.header("X-Client-End", "for the owner");

    Exchanged exchanged = forward(call, List.of("Connection", "X-Owner-Hop"),
        List.of("X-Owner-Hop", "owner's connection only"), List.of("X-Owner-End", "for the client"));

    assertEquals("for the owner", exchanged.received().getFirst("X-Client-End"));
    assertFalse(exchanged.received().containsKey("X-Client-Hop"), "a header the client's Connection names");
    assertEquals(204, exchanged.answer().getStatus());
    assertEquals("for the client", exchanged.answer().getHeaderString("X-Owner-End"));
    assertNull(exchanged.answer().getHeaderString("X-Owner-Hop"), "a header the owner's Connection names");
  }

  /** The Origin was checked on this node; the owner, whose origin differs, would refuse a same-origin call. */
  @Test
  void forward_theClientsOrigin_staysHere() throws Exception {
    Exchanged exchanged = forward(call("Origin", "http://node-0:8082", "X-Client-End", "for the owner"));

    assertEquals("for the owner", exchanged.received().getFirst("X-Client-End"));
    assertFalse(exchanged.received().containsKey("Origin"), "the client's Origin");
  }

  @Test
  void forward_aHeaderTheHttpClientRefuses_isLeftOut_andTheOwnersHopByHopHeadersStayThere() throws Exception {
    // Grizzly takes the name X@Y; the JDK's HTTP client refuses it, which failed the whole call with a 500.
    Exchanged exchanged = forward(call("X@Y", "1", "X-Client-End", "for the owner"),
        List.of("Upgrade", "h2c"), List.of("Trailer", "X-Checksum"),
        List.of("Proxy-Authenticate", "Basic realm=\"owner\""));

    assertEquals("for the owner", exchanged.received().getFirst("X-Client-End"));
    for (String hop : List.of("Upgrade", "Trailer", "Proxy-Authenticate")) {
      assertNull(exchanged.answer().getHeaderString(hop), hop);
    }
  }

  @Test
  void forward_theForwardingPoolIsFull_fails503InsteadOfThrowing() {
    HttpClient full = HttpClient.newBuilder().executor(task -> {
      throw new RejectedExecutionException("full");
    }).build();
    HttpForwarder forwarder = new HttpForwarder(full, new ForwardedBodies(Duration.ofSeconds(5), Duration.ofSeconds(5),
        Runnable::run, Scheduler.disabledScheduler(), Ticker.systemTicker()),
        new NodeSignature(new Password("s".repeat(40)), Clock.systemUTC(), new ObjectMapper()), "node-0",
        Duration.ofSeconds(10));

    CompletableFuture<ForwardedBodies.Relay> answer =
        forwarder.forward(call(), Identity.anonymous(), "http://127.0.0.1:9", new byte[0]);

    ExecutionException failure = assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
    ProxyException busy = assertInstanceOf(ProxyException.class, failure.getCause());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, busy.errorCode());
  }

  /** {@return a call to forward, with the given headers (name, value, ...)} */
  private static ContainerRequest call(String... headers) {
    ContainerRequest call = new ContainerRequest(URI.create("http://node-0:8082/"),
        URI.create("http://node-0:8082/consumers/g/instances/i/offsets"), "GET", null, new MapPropertiesDelegate(),
        null);
    for (int i = 0; i < headers.length; i += 2) {
      call.header(headers[i], headers[i + 1]);
    }
    return call;
  }

  /** What the owner received, and the answer the client gets. */
  private record Exchanged(Headers received, Response answer) {}

  /** Forwards {@code call} to an owner that answers 204 with {@code ownerHeaders}, each a name and a value. */
  @SafeVarargs
  private static Exchanged forward(ContainerRequest call, List<String>... ownerHeaders) throws Exception {
    CompletableFuture<Headers> seen = new CompletableFuture<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      seen.complete(exchange.getRequestHeaders());
      for (List<String> header : ownerHeaders) {
        exchange.getResponseHeaders().add(header.get(0), header.get(1));
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      ForwardedBodies relays = new ForwardedBodies(Duration.ofSeconds(5), Duration.ofSeconds(5), Runnable::run,
          Scheduler.disabledScheduler(), Ticker.systemTicker());
      HttpForwarder forwarder = new HttpForwarder(HttpClient.newHttpClient(), relays,
          new NodeSignature(new Password("s".repeat(40)), Clock.systemUTC(), new ObjectMapper()), "node-0",
          Duration.ofSeconds(10));
      Response answer = forwarder.forward(call, Identity.anonymous(),
          "http://127.0.0.1:" + server.getAddress().getPort(), new byte[0]).get(10, TimeUnit.SECONDS).response();
      return new Exchanged(seen.get(10, TimeUnit.SECONDS), answer);
    } finally {
      server.stop(0);
    }
  }
}
