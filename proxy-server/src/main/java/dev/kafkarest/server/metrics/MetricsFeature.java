package dev.kafkarest.server.metrics;

import dev.kafkarest.server.http.AddedResources;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.glassfish.jersey.process.Inflector;
import org.glassfish.jersey.server.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /metrics} (the path is {@code metrics.path}): the registry in Prometheus' text format 0.0.4, or
 * in OpenMetrics 1.0 when the {@code Accept} header asks for {@code application/openmetrics-text}. The scrape
 * reads values kept in memory and never calls Kafka, so it is answered on the request's thread.
 */
public final class MetricsFeature implements Feature {
  /** Prometheus' text format. */
  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** OpenMetrics' text format. */
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final List<Resource> resources;

  /** Serves {@code registry} at {@code path}. */
  public MetricsFeature(String path, PrometheusMeterRegistry registry) {
    Resource.Builder scrape = Resource.builder(path);
    scrape.addMethod(HttpMethod.GET).handledBy(new Scrape(registry));
    this.resources = List.of(scrape.build());
  }

  private MetricsFeature() {
    this.resources = List.of();
  }

  static MetricsFeature disabled() {
    return new MetricsFeature();
  }

  /** {@return the resources this feature serves: the scrape, or none when metrics are off} */
  public List<Resource> resources() {
    return resources;
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (!resources.isEmpty()) {
      context.register(new ScrapeResource(resources));
    }
    return true;
  }

  /** {@return OpenMetrics when the scraper accepts it, else Prometheus' text format} */
  static String contentType(@Nullable String accept) {
    return accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : TEXT;
  }

  /** Writes the registry in the format the request asks for. */
  private static final class Scrape implements Inflector<ContainerRequestContext, Response> {
    private final PrometheusMeterRegistry registry;

    Scrape(PrometheusMeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public Response apply(ContainerRequestContext request) {
      String type = contentType(request.getHeaderString(HttpHeaders.ACCEPT));
      StreamingOutput body = out -> registry.scrape(out, type);
      return Response.ok(body, type).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
  }

  private static final class ScrapeResource extends AddedResources {
    ScrapeResource(List<Resource> resources) {
      super(resources);
    }
  }
}
