package dev.kafkarest.server.health;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.server.config.OperationsSettings;
import dev.kafkarest.server.http.AddedResources;
import dev.kafkarest.server.http.ErrorResponse;
import dev.kafkarest.server.http.Responses;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.glassfish.jersey.process.Inflector;
import org.glassfish.jersey.server.model.Resource;

/**
 * The probes, at {@code health.liveness.path} and {@code health.readiness.path}:
 *
 * <ul>
 *   <li>{@code GET /healthz}: 200 {@code {"status":"UP"}} whenever the process serves requests; it never
 *       calls Kafka, so a cluster outage never gets the proxy restarted.
 *   <li>{@code GET /readyz}: 200 {@code {"status":"UP"}} while Kafka answers a metadata request within
 *       {@code health.readiness.timeout.ms} and the producer takes records; else 503 with the error envelope
 *       saying why (50302 when Kafka does not answer, 503 when the producer is stuck). It turns 200 again by
 *       itself once Kafka is back. Results are reused for {@code health.readiness.cache.ms} ({@link Readiness}),
 *       and the answer is written on a response thread, never waiting on a request thread. From {@link
 *       #stopping()} on (a graceful shutdown has begun) it answers 503/503 "shutting down", so a balancer that
 *       probes the management listener stops sending calls while requests in flight finish.
 * </ul>
 *
 * Both answer {@code application/json} with {@code Cache-Control: no-store}.
 */
public final class HealthFeature implements Feature {
  private static final String UP = "{\"status\":\"UP\"}";

  private final List<Resource> resources;
  private final Readiness readiness;

  /** Probes that check Kafka through the shared Admin client and the shared producer. */
  public HealthFeature(OperationsSettings.Health settings, Admin admin, Producer<?, ?> producer, Responses responses) {
    this(settings, new Readiness(new DependencyCheck(admin, producer, settings.readinessTimeout()),
        settings.readinessCacheTtl(), settings.readinessTimeout().multipliedBy(2).plusSeconds(1),
        Ticker.systemTicker()), responses);
  }

  HealthFeature(OperationsSettings.Health settings, Readiness readiness, Responses responses) {
    this.readiness = readiness;
    Resource.Builder liveness = Resource.builder(settings.livenessPath());
    liveness.addMethod(HttpMethod.GET).produces(MediaType.APPLICATION_JSON_TYPE).handledBy(new Liveness());
    Resource.Builder ready = Resource.builder(settings.readinessPath());
    ready.addMethod(HttpMethod.GET).produces(MediaType.APPLICATION_JSON_TYPE)
        .handledBy(new ReadinessProbe(readiness, responses));
    this.resources = List.of(liveness.build(), ready.build());
  }

  /** Turns readiness to 503 for good: called when a graceful shutdown begins. */
  public void stopping() {
    readiness.stop();
  }

  /** {@return the resources this feature serves: liveness, then readiness} */
  public List<Resource> resources() {
    return resources;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new ProbeResources(resources));
    return true;
  }

  private static Response up() {
    return Response.ok(UP, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
  }

  private static Response notReady(ReadinessResult result) {
    ErrorCode problem = Objects.requireNonNull(result.problem());
    return Response.status(problem.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(new ErrorResponse(problem.code(), "Not ready: " + result.reason())).build();
  }

  /** Answers that the process serves requests. */
  private static final class Liveness implements Inflector<ContainerRequestContext, Response> {
    @Override
    public Response apply(ContainerRequestContext request) {
      return up();
    }
  }

  /** Answers the latest readiness, on a response thread. */
  private static final class ReadinessProbe implements Inflector<ContainerRequestContext, CompletionStage<Response>> {
    private final Readiness readiness;
    private final Responses responses;

    ReadinessProbe(Readiness readiness, Responses responses) {
      this.readiness = readiness;
      this.responses = responses;
    }

    @Override
    public CompletionStage<Response> apply(ContainerRequestContext request) {
      return responses.on(readiness.result(), result -> result.ready() ? up() : notReady(result));
    }
  }

  private static final class ProbeResources extends AddedResources {
    ProbeResources(List<Resource> resources) {
      super(resources);
    }
  }
}
