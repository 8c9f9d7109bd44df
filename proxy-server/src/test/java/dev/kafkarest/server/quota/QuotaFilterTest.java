package dev.kafkarest.server.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.quota.QuotaGuard;
import dev.kafkarest.core.quota.QuotaKey;
import dev.kafkarest.core.quota.QuotaKind;
import dev.kafkarest.core.quota.QuotaLimits;
import dev.kafkarest.core.quota.QuotaRate;
import dev.kafkarest.core.quota.QuotaSettings;
import dev.kafkarest.server.http.BodyAdmission;
import dev.kafkarest.server.http.BodyHold;
import dev.kafkarest.server.http.HttpErrors;
import dev.kafkarest.server.http.MalformedUriGuard;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter in a small Jersey application on Grizzly, with the proxy's error mapping and a fake clock. */
class QuotaFilterTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String PRODUCE = "/topics/t";
  private static final String READ = "/consumers/g/instances/i/records";

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = nanos::get;
  private HttpServer server;
  private URI base;
  private QuotaGuard guard;
  private QuotaFilter filter;
  /** A hold the HTTP layer hands to the next request, as {@code WholeBodyFilter} does. */
  private volatile BodyHold handedOver;

  /** Bytes in flight as the resource saw them; -1 until a produce reached it. */
  private final AtomicLong seenInFlight = new AtomicLong(-1);
  /** Counted down once each response has passed the quota filter's response side. */
  private volatile CountDownLatch responded = new CountDownLatch(1);

  /** Stands in for the v2 resources: reads the body, fails on request, answers a records body. */
  @Path("/")
  public final class Endpoints {
    @POST
    @Path("topics/{topic}")
    @Produces(MediaType.APPLICATION_JSON)
    public String produce(@QueryParam("fail") boolean fail, InputStream body) throws IOException {
      long read = body.readAllBytes().length;
      seenInFlight.set(guard.produceBytesInFlight());
      if (fail) {
        throw new ProxyException(ErrorCode.TOPIC_NOT_FOUND, "Topic t not found.");
      }
      return "{\"read\":" + read + "}";
    }

    @POST
    @Path("topics/{topic}/partitions/{partition}")
    @Produces(MediaType.APPLICATION_JSON)
    public String produceToPartition(InputStream body) throws IOException {
      return "{\"read\":" + body.readAllBytes().length + "}";
    }

    @GET
    @Path("consumers/{group}/instances/{instance}/records")
    @Produces(MediaType.APPLICATION_JSON)
    public Response records(@QueryParam("size") int size) {
      RecordsBody.Builder builder = new RecordsBody.Builder();
      builder.write(new byte[size], 0, size);
      return Response.ok(builder.build()).build();
    }

    @GET
    @Path("topics")
    @Produces(MediaType.APPLICATION_JSON)
    public String topics() {
      return "[]";
    }
  }

  /** Writes a records body as it is, like the v2 API's writer. */
  @Produces(MediaType.WILDCARD)
  public static final class RecordsWriter implements MessageBodyWriter<RecordsBody> {
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
      return type == RecordsBody.class;
    }

    @Override
    public void writeTo(RecordsBody body, Class<?> type, Type genericType, Annotation[] annotations,
        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
      body.writeTo(out);
    }
  }

  /** Stands in for authentication: the principal named in {@code X-Test-User}, else anonymous. */
  @PreMatching
  @Priority(Priorities.AUTHENTICATION)
  public static final class TestIdentity implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      String user = request.getHeaderString("X-Test-User");
      request.setProperty(RequestIdentity.PROPERTY, user == null ? Identity.anonymous() : Identity.of(user, Set.of()));
    }
  }

  /** Hands {@link #handedOver} to the request, as the HTTP layer does for a body it collected. */
  @PreMatching
  @Priority(Priorities.AUTHENTICATION)
  public final class HandOver implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (handedOver != null) {
        request.setProperty(BodyHold.PROPERTY, handedOver);
      }
    }
  }

  /** A filter after the quota filter that refuses requests carrying {@code X-Test-Refuse}, as 413. */
  @PreMatching
  @Priority(Priorities.HEADER_DECORATOR)
  public static final class LaterRefusal implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getHeaderString("X-Test-Refuse") != null) {
        throw new ProxyException(ErrorCode.PAYLOAD_TOO_LARGE, "Too large.");
      }
    }
  }

  /** Runs after the quota filter's response side (response filters run in descending priority). */
  @Priority(Priorities.AUTHENTICATION - 1)
  public final class Responded implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      responded.countDown();
    }
  }

  private void start(QuotaSettings settings) throws Exception {
    guard = new QuotaGuard(settings, ticker);
    filter = new QuotaFilter(guard);
    ResourceConfig app = new ResourceConfig()
        .register(new Endpoints())
        .register(RecordsWriter.class)
        .register(HttpErrors.jsonBinding())
        .register(new HttpErrors(new ObjectMapperProvider()))
        .register(new TestIdentity())
        .register(new LaterRefusal())
        .register(new Responded())
        .register(new HandOver())
        .register(filter);
    // As the proxy serves it: behind its handler, which hands the client's address to the filters.
    server = MalformedUriGuard.createServer(URI.create("http://127.0.0.1:0/"), app, jersey -> jersey);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
  }

  private static QuotaSettings produce(QuotaRate rate, long inFlightMax) {
    return new QuotaSettings(new QuotaLimits(rate, QuotaRate.UNLIMITED), Map.of(), inFlightMax, 1_000,
        Duration.ofMinutes(10));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(BodyPublishers.ofString(body)), headers);
  }

  private HttpResponse<String> postChunked(String path, byte[] body) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
    responded = new CountDownLatch(1);
    request.header("Content-Type", "application/json");
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void produce_overRequestRate_is429WithRetryAfterAndErrorEnvelope() throws Exception {
    start(produce(new QuotaRate(2, 0), 0));

    assertEquals(200, post(PRODUCE, "{}").statusCode());
    assertEquals(200, post(PRODUCE, "{}").statusCode());
    HttpResponse<String> refused = post(PRODUCE, "{}", "Accept", "application/vnd.kafka.v2+json");

    assertEquals(429, refused.statusCode());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("application/vnd.kafka.v2+json", refused.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{\"error_code\":42901,\"message\":\"Produce quota exceeded; retry after 1 second.\"}",
        refused.body());
  }

  @Test
  void produce_refused_reachesNoResource() throws Exception {
    start(produce(new QuotaRate(1, 0), 0));
    post(PRODUCE, "{}");
    seenInFlight.set(-1);

    assertEquals(429, post(PRODUCE, "{}").statusCode());

    assertEquals(-1, seenInFlight.get());
  }

  @Test
  void produce_afterRefill_isServedAgain() throws Exception {
    start(produce(new QuotaRate(1, 0), 0));
    post(PRODUCE, "{}");
    assertEquals(429, post(PRODUCE, "{}").statusCode());

    advance(Duration.ofSeconds(1));

    assertEquals(200, post(PRODUCE, "{}").statusCode());
  }

  @Test
  void produce_byteRate_retryAfterIsTheWholeSecondsUntilRefilled() throws Exception {
    start(produce(new QuotaRate(0, 100), 0));
    String body = "x".repeat(100);
    assertEquals(200, post(PRODUCE, body).statusCode());

    advance(Duration.ofMillis(500));
    HttpResponse<String> refused = post(PRODUCE, body);

    assertEquals(429, refused.statusCode());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
  }

  @Test
  void produce_toPartition_isCountedToo() throws Exception {
    start(produce(new QuotaRate(1, 0), 0));

    assertEquals(200, post("/topics/t/partitions/0", "{}").statusCode());
    assertEquals(429, post(PRODUCE, "{}").statusCode());
  }

  @Test
  void otherRequests_areNotCounted() throws Exception {
    start(produce(new QuotaRate(1, 0), 0));

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = get("/topics");
      assertEquals(200, response.statusCode());
      assertFalse(response.headers().firstValue("Retry-After").isPresent());
    }
    assertEquals(200, post(PRODUCE, "{}").statusCode());
  }

  @Test
  void key_principals_haveTheirOwnAllowance() throws Exception {
    start(produce(new QuotaRate(1, 0), 0));

    assertEquals(200, post(PRODUCE, "{}", "X-Test-User", "alice").statusCode());
    assertEquals(429, post(PRODUCE, "{}", "X-Test-User", "alice").statusCode());
    assertEquals(200, post(PRODUCE, "{}", "X-Test-User", "bob").statusCode());
    assertEquals(200, post(PRODUCE, "{}").statusCode());
  }

  @Test
  void key_anonymous_isTheClientAddress() throws Exception {
    start(produce(new QuotaRate(1, 0), 0));
    assertEquals(200, post(PRODUCE, "{}").statusCode());

    assertFalse(guard.tryAcquire(new QuotaKey("127.0.0.1", false), QuotaKind.PRODUCE, 0).granted());
    // A principal spelled like the address is another client.
    assertEquals(200, post(PRODUCE, "{}", "X-Test-User", "127.0.0.1").statusCode());
  }

  @Test
  void principalOverride_appliesToThatPrincipalOnly() throws Exception {
    QuotaLimits defaults = new QuotaLimits(new QuotaRate(1, 0), QuotaRate.UNLIMITED);
    start(new QuotaSettings(defaults, Map.of("etl", QuotaLimits.UNLIMITED), 0, 1_000, Duration.ofMinutes(10)));

    for (int i = 0; i < 5; i++) {
      assertEquals(200, post(PRODUCE, "{}", "X-Test-User", "etl").statusCode());
    }
    assertEquals(200, post(PRODUCE, "{}", "X-Test-User", "other").statusCode());
    assertEquals(429, post(PRODUCE, "{}", "X-Test-User", "other").statusCode());
  }

  @Test
  void inFlight_heldDuringTheRequestAndReleasedAfterSuccess() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));

    assertEquals(200, post(PRODUCE, "x".repeat(300)).statusCode());

    assertEquals(300, seenInFlight.get());
    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void inFlight_releasedAfterTheResourceFails() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));

    assertEquals(404, post(PRODUCE + "?fail=true", "x".repeat(300)).statusCode());

    assertEquals(300, seenInFlight.get());
    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void inFlight_releasedWhenALaterFilterRefuses() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));

    assertEquals(413, post(PRODUCE, "x".repeat(300), "X-Test-Refuse", "yes").statusCode());

    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void inFlight_releasedWhenRefusedByTheClientQuota() throws Exception {
    start(produce(new QuotaRate(1, 0), 1_000));
    post(PRODUCE, "{}");

    assertEquals(429, post(PRODUCE, "x".repeat(300)).statusCode());

    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void inFlight_releasedWhenTheClientDisconnectsMidBody() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));
    responded = new CountDownLatch(1);

    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.getOutputStream().write(("POST " + PRODUCE + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 800\r\n\r\n" + "x".repeat(100)).getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    assertTrue(responded.await(10, TimeUnit.SECONDS), "the request was answered");
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void bodyAdmission_produce_countsTheLengthInFlightUntilReleased() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));

    BodyAdmission.Decision decision = filter.bodyAdmission().admit("POST", "/topics/t", 300);

    assertEquals(300, guard.produceBytesInFlight());
    ((BodyHold) decision).release();
    ((BodyHold) decision).release();
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void bodyAdmission_otherRequests_areNotCounted() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));

    assertEquals(BodyHold.NONE, filter.bodyAdmission().admit("POST", "/consumers/g", 300));
    assertEquals(BodyHold.NONE, filter.bodyAdmission().admit("GET", "/topics/t", 300));
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void bodyAdmission_overTheCap_refusesWith429AndRetryAfter() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));
    guard.tryAcquireProduceBytesInFlight(900);

    BodyAdmission.Decision decision = filter.bodyAdmission().admit("POST", "/topics/t/partitions/0", 200);

    assertEquals(new BodyAdmission.Refusal(429, 42901, "Too many produce bytes in flight; retry after 1 second.", 1),
        decision);
    assertEquals(900, guard.produceBytesInFlight());
  }

  @Test
  void handedOverHold_isNotCountedAgain_andIsReleasedWithTheResponse() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));
    handedOver = (BodyHold) filter.bodyAdmission().admit("POST", PRODUCE, 300);

    assertEquals(200, post(PRODUCE, "x".repeat(300)).statusCode());

    assertEquals(300, seenInFlight.get());
    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void handedOverHold_isReleasedWhenTheClientQuotaRefuses() throws Exception {
    start(produce(new QuotaRate(1, 0), 1_000));
    post(PRODUCE, "{}");
    handedOver = (BodyHold) filter.bodyAdmission().admit("POST", PRODUCE, 300);

    assertEquals(429, post(PRODUCE, "x".repeat(300)).statusCode());

    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void inFlight_overTheCap_is429WithRetryAfterOneSecond() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));
    assertTrue(guard.tryAcquireProduceBytesInFlight(900).granted());

    HttpResponse<String> refused = post(PRODUCE, "x".repeat(200));

    assertEquals(429, refused.statusCode());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("{\"error_code\":42901,\"message\":\"Too many produce bytes in flight; retry after 1 second.\"}",
        refused.body());
    assertEquals(900, guard.produceBytesInFlight());
  }

  @Test
  void inFlight_refusalTakesNoRequestFromTheClient() throws Exception {
    start(produce(new QuotaRate(1, 0), 1_000));
    guard.tryAcquireProduceBytesInFlight(900);
    assertEquals(429, post(PRODUCE, "x".repeat(200)).statusCode());
    guard.releaseProduceBytesInFlight(900);

    assertEquals(200, post(PRODUCE, "x".repeat(200)).statusCode());
  }

  @Test
  void chunked_countedInFlightAsReadAndChargedToTheByteAllowance() throws Exception {
    start(produce(new QuotaRate(0, 1_000), 10_000));

    assertEquals(200, postChunked(PRODUCE, new byte[1_500]).statusCode());

    assertEquals(1_500, seenInFlight.get());
    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(0, guard.produceBytesInFlight());
    HttpResponse<String> owing = post(PRODUCE, "{}");
    assertEquals(429, owing.statusCode());
    assertEquals("1", owing.headers().firstValue("Retry-After").orElseThrow());
  }

  @Test
  void chunked_overTheCapWhileRead_is429AndReleased() throws Exception {
    start(produce(QuotaRate.UNLIMITED, 1_000));
    guard.tryAcquireProduceBytesInFlight(900);

    HttpResponse<String> refused = postChunked(PRODUCE, new byte[500]);

    assertEquals(429, refused.statusCode());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(responded.await(5, TimeUnit.SECONDS));
    assertEquals(900, guard.produceBytesInFlight());
  }

  @Test
  void consume_chargedTheResponseBytesAfterTheRead() throws Exception {
    QuotaLimits limits = new QuotaLimits(QuotaRate.UNLIMITED, new QuotaRate(0, 1_000));
    start(new QuotaSettings(limits, Map.of(), 0, 1_000, Duration.ofMinutes(10)));

    HttpResponse<String> big = get(READ + "?size=2500");
    assertEquals(200, big.statusCode());
    assertEquals(2_500, big.body().length());
    assertTrue(responded.await(5, TimeUnit.SECONDS));

    HttpResponse<String> owing = get(READ + "?size=10");
    assertEquals(429, owing.statusCode());
    assertEquals("2", owing.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(owing.body().startsWith("{\"error_code\":42901,\"message\":\"Consume quota exceeded"), owing.body());
    advance(Duration.ofMillis(1_501));
    assertEquals(200, get(READ + "?size=10").statusCode());
  }

  @Test
  void consume_requestRate_limitsReadsButNotProduce() throws Exception {
    QuotaLimits limits = new QuotaLimits(QuotaRate.UNLIMITED, new QuotaRate(1, 0));
    start(new QuotaSettings(limits, Map.of(), 0, 1_000, Duration.ofMinutes(10)));

    assertEquals(200, get(READ + "?size=1").statusCode());
    assertEquals(429, get(READ + "?size=1").statusCode());
    assertEquals(200, post(PRODUCE, "{}").statusCode());
  }

  @Test
  void feature_limitsNothing_registersNothing() {
    assertFalse(new QuotaFeature(QuotaSettings.unlimited(), ticker).active());
    assertTrue(new QuotaFeature(produce(new QuotaRate(1, 0), 0), ticker).active());
  }
}
