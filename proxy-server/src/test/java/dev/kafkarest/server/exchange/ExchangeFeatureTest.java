package dev.kafkarest.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.HttpErrors;
import dev.kafkarest.server.http.MalformedUriGuard;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feature in a small Jersey application on Grizzly, with the proxy's error mappers. */
class ExchangeFeatureTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
  private HttpServer server;
  private URI base;

  @Path("/items")
  public static final class Items {
    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
      if (id.equals("missing")) {
        throw new ProxyException(ErrorCode.TOPIC_NOT_FOUND);
      }
      return "item " + id;
    }

    /** Answers later, on another thread, as the proxy's resources do once Kafka answers. */
    @GET
    public CompletionStage<String> list() {
      return CompletableFuture.supplyAsync(() -> "all items", CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    /** The request's id as what comes after the filters sees it (a call forwarded to another node). */
    @GET
    @Path("echo-id")
    public String echoId(@HeaderParam("X-Request-Id") String requestId) {
      return requestId;
    }

    @POST
    @Path("{id}")
    public String post(@PathParam("id") String id, InputStream body) throws IOException {
      return "read " + body.readAllBytes().length;
    }
  }

  /** Stands in for the authentication filter: refuses with a text envelope, or names the caller. */
  @PreMatching
  @Priority(Priorities.AUTHENTICATION)
  public static final class Authentication implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getHeaderString("X-Refuse") != null) {
        request.abortWith(Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
            .entity("{\"error_code\":40101,\"message\":\"Authentication required\"}").build());
      } else if (request.getHeaderString("X-User") != null) {
        request.setProperty(RequestIdentity.PROPERTY, Identity.of(request.getHeaderString("X-User"), Set.of()));
      }
    }
  }

  @BeforeEach
  void start() throws IOException {
    ExchangeListener failing = exchange -> {
      throw new IllegalStateException("a broken listener");
    };
    ResourceConfig app = new ResourceConfig()
        .register(HttpErrors.jsonBinding())
        .register(new HttpErrors(new ObjectMapperProvider()))
        .register(new ExchangeFeature(List.of(failing, exchanges::add)))
        .register(new Authentication())
        .register(Items.class);
    // As the proxy serves it: behind its handler, which hands the client's address to the filters.
    server = MalformedUriGuard.createServer(URI.create("http://127.0.0.1:0/"), app, jersey -> jersey);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  @Test
  void matchedRequest_recordsTemplateStatusBytesAddressAndTheEchoedId() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/items/42"))
        .header("X-Request-Id", "trace-1").POST(HttpRequest.BodyPublishers.ofString("hello")));

    Exchange exchange = next();
    assertEquals(200, response.statusCode());
    assertEquals("trace-1", response.headers().firstValue("X-Request-Id").orElse(""));
    assertEquals("POST", exchange.method());
    assertEquals("/items/{id}", exchange.template());
    assertEquals("/items/42", exchange.path());
    assertEquals(200, exchange.status());
    assertNull(exchange.errorCode());
    assertEquals(5, exchange.requestBytes());
    assertEquals(response.body().getBytes(StandardCharsets.UTF_8).length, exchange.responseBytes());
    assertEquals("127.0.0.1", exchange.clientAddress());
    assertEquals("trace-1", exchange.requestId());
    assertNull(exchange.principal());
    assertTrue(exchange.durationNanos() > 0);
  }

  @Test
  void suspendedResponse_isRecordedOnceWrittenWithWhatWasLearntBefore() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/items/")).header("X-User", "bob")
        .header("X-Request-Id", "later-1").GET());

    Exchange exchange = next();
    assertEquals(200, response.statusCode());
    assertEquals("/items", exchange.template());
    assertEquals("/items/", exchange.path());
    assertEquals(9, exchange.responseBytes());
    assertEquals("bob", exchange.principal());
    assertEquals("later-1", exchange.requestId());
    assertEquals("127.0.0.1", exchange.clientAddress());
  }

  @Test
  void errorEnvelope_recordsItsErrorCode() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/items/missing")).GET());

    Exchange exchange = next();
    assertEquals(404, response.statusCode());
    assertEquals(40401, exchange.errorCode());
    assertEquals("/items/{id}", exchange.template());
  }

  @Test
  void refusedBeforeMatching_recordsTheTemplateThePathWouldMatchAndTheId() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/items/7")).header("X-Refuse", "1").GET());

    Exchange exchange = next();
    assertEquals(401, response.statusCode());
    assertEquals("/items/{id}", exchange.template());
    assertEquals(40101, exchange.errorCode());
    assertEquals(exchange.requestId(), response.headers().firstValue("X-Request-Id").orElse(""));
  }

  @Test
  void unknownPath_recordsUnmatched() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/nowhere/at/all")).GET());

    Exchange exchange = next();
    assertEquals(404, response.statusCode());
    assertEquals(Exchange.UNMATCHED, exchange.template());
    assertEquals("/nowhere/at/all", exchange.path());
    assertEquals(404, exchange.errorCode());
  }

  @Test
  void unsafeRequestId_isReplacedByAGeneratedOne() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/items/1"))
        .header("X-Request-Id", "a".repeat(200)).GET());

    Exchange exchange = next();
    String echoed = response.headers().firstValue("X-Request-Id").orElse("");
    assertTrue(echoed.matches("[0-9a-f]{32}"), echoed);
    assertEquals(echoed, exchange.requestId());
  }

  @Test
  void requestWithoutAnId_carriesTheGeneratedOneOnwards() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/items/echo-id")).GET());

    Exchange exchange = next();
    assertTrue(exchange.requestId().matches("[0-9a-f]{32}"), exchange.requestId());
    assertEquals(exchange.requestId(), response.body(), "what the request carries on is the id logged here");
    assertEquals(exchange.requestId(), response.headers().firstValue("X-Request-Id").orElse(""));
  }

  @Test
  void authenticatedRequest_recordsThePrincipal() throws Exception {
    send(HttpRequest.newBuilder(base.resolve("/items/1")).header("X-User", "alice").GET());

    assertEquals("alice", next().principal());
  }

  private Exchange next() throws InterruptedException {
    // Recorded once the response is written, which can be just after the client has it.
    Exchange exchange = exchanges.poll(10, TimeUnit.SECONDS);
    assertNotNull(exchange, "no exchange recorded");
    return exchange;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
