package dev.kafkarest.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.server.config.OperationsSettings;
import dev.kafkarest.server.http.HttpErrors;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.http.Responses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probes in a Jersey application on Grizzly, at configured paths, with a readiness the test sets. */
class HealthFeatureTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final OperationsSettings.Health SETTINGS =
      new OperationsSettings.Health("/live", "/ready", Duration.ofSeconds(2), Duration.ofSeconds(1));

  private final AtomicLong now = new AtomicLong();
  private final AtomicReference<CompletableFuture<ReadinessResult>> next = new AtomicReference<>();
  private final CountDownLatch checkStarted = new CountDownLatch(1);
  private final ExecutorService responseThreads = Executors.newSingleThreadExecutor(r -> new Thread(r, "response"));
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() {
    Readiness readiness = new Readiness(() -> {
      checkStarted.countDown();
      return next.get();
    }, SETTINGS.readinessCacheTtl(), Duration.ofSeconds(5), now::get);
    ResourceConfig app = new ResourceConfig()
        .register(HttpErrors.jsonBinding())
        .register(new HttpErrors(new ObjectMapperProvider()))
        .register(new HealthFeature(SETTINGS, readiness, new Responses(responseThreads)));
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
    responseThreads.shutdownNow();
  }

  @Test
  void liveness_answersUpAsJsonNotCached() throws Exception {
    HttpResponse<String> response = get("/live");

    assertEquals(200, response.statusCode());
    assertEquals("{\"status\":\"UP\"}", response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void readiness_notReady_answersTheStatusAndTheReasonInTheEnvelope_thenUpOnceKafkaIsBack() throws Exception {
    next.set(CompletableFuture.completedFuture(
        ReadinessResult.notReady(ErrorCode.BROKER_NOT_AVAILABLE, "Kafka did not answer")));
    HttpResponse<String> down = get("/ready");
    next.set(CompletableFuture.completedFuture(ReadinessResult.READY));
    HttpResponse<String> stillCached = get("/ready");
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    get("/ready");
    HttpResponse<String> up = get("/ready");

    assertEquals(503, down.statusCode());
    assertEquals("{\"error_code\":50302,\"message\":\"Not ready: Kafka did not answer\"}", down.body());
    assertEquals("application/json", down.headers().firstValue("Content-Type").orElse(""));
    assertEquals(503, stillCached.statusCode());
    assertEquals(200, up.statusCode());
    assertEquals("{\"status\":\"UP\"}", up.body());
  }

  @Test
  void readiness_firstCheckStillRunning_answersOnceItCompletes() throws Exception {
    CompletableFuture<ReadinessResult> slow = new CompletableFuture<>();
    next.set(slow);
    CompletableFuture<HttpResponse<String>> response =
        CLIENT.sendAsync(HttpRequest.newBuilder(base.resolve("/ready")).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(checkStarted.await(10, TimeUnit.SECONDS), "the request started a check");
    assertFalse(response.isDone());

    slow.complete(ReadinessResult.READY);

    assertEquals(200, response.get().statusCode());
  }

  @Test
  void resources_areAtTheConfiguredPathsOnly() throws Exception {
    HealthFeature feature = new HealthFeature(SETTINGS, new Readiness(next::get, Duration.ZERO, Duration.ZERO, now::get),
        new Responses(Runnable::run));

    assertEquals("/live", feature.resources().get(0).getPath());
    assertEquals("/ready", feature.resources().get(1).getPath());
    assertEquals(404, get("/healthz").statusCode());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
