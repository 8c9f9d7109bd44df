package dev.kafkarest.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kafkarest.server.config.OperationsSettings;
import dev.kafkarest.server.console.ConsoleResource;
import dev.kafkarest.server.config.ProxyConfig;
import dev.kafkarest.server.health.HealthFeature;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.metrics.MetricsFeature;
import dev.kafkarest.server.v2.RemoteInstanceResource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.security.CodeSource;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * The document names exactly the operations the resources serve: every HTTP method on every path of the
 * v2 and v3 resources (sub-resources included), of {@link OpenApiResource}, and of the resources built in code by
 * the health and metrics features (at their default paths), and nothing else. Path parameter names are
 * not compared, only their places.
 */
class OpenApiCoverageTest {
  private static final CodeSource MAIN_CODE = OpenApiResource.class.getProtectionDomain().getCodeSource();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void document_namesEveryServedOperation_andNoOther() throws Exception {
    Set<String> served = new TreeSet<>();
    Set<Class<?>> roots = new ResourceConfig().packages(false, "dev.kafkarest.server.v2", "dev.kafkarest.server.v3",
        "dev.kafkarest.server.hdinsight")
        .getClasses();
    assertTrue(roots.stream().anyMatch(c -> c.getName().endsWith("v2.TopicsResource")), "scanned: " + roots);
    assertTrue(roots.stream().anyMatch(c -> c.getName().endsWith("v3.ConsumerGroupsResource")), "scanned: " + roots);
    for (Class<?> root : roots) {
      // Only main code: test classes in the same package declare resources of their own.
      if (root.getProtectionDomain().getCodeSource().equals(MAIN_CODE) && Resource.isAcceptable(root)
          && root.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
        collect(Resource.from(root), "", served, 0);
      }
    }
    collect(Resource.from(OpenApiResource.class), "", served, 0);
    collect(Resource.from(ConsoleResource.class), "", served, 0);
    OperationsSettings defaults = ProxyConfig.of(Map.of()).operations();
    HealthFeature health = new HealthFeature(defaults.health(), new MockAdminClient(),
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
        new Responses(Runnable::run));
    MetricsFeature metrics =
        new MetricsFeature(defaults.metrics().path(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    for (Resource resource : Stream.concat(health.resources().stream(), metrics.resources().stream()).toList()) {
      collect(resource, "", served, 0);
    }

    assertEquals(served, documented());
  }

  private static void collect(Resource resource, String parent, Set<String> out, int depth) {
    if (depth > 10) {
      throw new AssertionError("sub-resource locators nested too deep at " + parent);
    }
    String path = parent + "/" + (resource.getPath() == null ? "" : resource.getPath());
    for (ResourceMethod method : resource.getResourceMethods()) {
      out.add(method.getHttpMethod().toLowerCase(Locale.ROOT) + " " + normalize(path));
    }
    ResourceMethod locator = resource.getResourceLocator();
    if (locator != null) {
      for (Class<?> type : servedTypes(locator.getInvocable().getRawResponseType())) {
        collect(Resource.from(type), path, out, depth + 1);
      }
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out, depth + 1);
    }
  }

  /**
   * {@return the resource classes a locator's return type stands for: each permitted class of a sealed
   *     type, but {@link RemoteInstanceResource}, which passes any call on to the node that holds the
   *     instance, where a documented operation serves it}
   */
  static List<Class<?>> servedTypes(Class<?> declared) {
    if (!declared.isSealed()) {
      return List.of(declared);
    }
    return Stream.of(declared.getPermittedSubclasses()).filter(type -> type != RemoteInstanceResource.class).toList();
  }

  private static Set<String> documented() throws Exception {
    JsonNode paths;
    try (InputStream in = OpenApiCoverageTest.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      paths = new YAMLMapper().readTree(in).get("paths");
    }
    Set<String> out = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(name -> {
        if (METHODS.contains(name)) {
          out.add(name + " " + normalize(path.getKey()));
        }
      });
    }
    return out;
  }

  /** Collapses slashes, drops a trailing one, and blanks parameter names and their regular expressions. */
  private static String normalize(String path) {
    String collapsed = path.replaceAll("/+", "/").replaceAll("\\{[^}]*}", "{}");
    return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
  }
}
