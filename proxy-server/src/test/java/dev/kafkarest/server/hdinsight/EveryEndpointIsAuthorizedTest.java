package dev.kafkarest.server.hdinsight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.ProxyConfig;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every HDInsight endpoint is authorized: with rules that allow nothing, each one answers 403/40301 at once
 * (the cluster address leads nowhere). The endpoints are found in the resource classes, so a new endpoint
 * without an entry here fails {@link #requests_coverEveryEndpoint}.
 */
class EveryEndpointIsAuthorizedTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The listing is filtered, never refused. */
  private static final Set<String> UNCHECKED = Set.of("GET /v1/metadata/topics");

  private static final Map<String, Call> REQUESTS = new TreeMap<>(Map.ofEntries(
      Map.entry("GET /v1/metadata/brokers", new Call("GET", "/v1/metadata/brokers", null, null)),
      Map.entry("GET /v1/metadata/topics/{topic}/partitions",
          new Call("GET", "/v1/metadata/topics/t/partitions", null, null)),
      Map.entry("GET /v1/metadata/topics/{topic}/partitions/{partition}",
          new Call("GET", "/v1/metadata/topics/t/partitions/0", null, null)),
      Map.entry("PUT /v1/topics/{topic}", new Call("PUT", "/v1/topics/t", "application/json", "{}")),
      Map.entry("DELETE /v1/topics/{topic}", new Call("DELETE", "/v1/topics/t", null, null)),
      Map.entry("POST /v1/producer/topics/{topic}",
          new Call("POST", "/v1/producer/topics/t", "application/json", "{\"records\":[{\"value\":1}]}")),
      Map.entry("GET /v1/consumer/topics/{topic}/partitions/{partition}/offsets/{offset}",
          new Call("GET", "/v1/consumer/topics/t/partitions/0/offsets/0", null, null))));

  private static ProxyServer server;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    java.nio.file.Path rules = Files.createTempFile("no-rules", ".rules");
    rules.toFile().deleteOnExit();
    server = ProxyServer.start(ProxyConfig.of(Map.of(
        "listeners", "http://127.0.0.1:0",
        "bootstrap.servers", "127.0.0.1:1",
        "metadata.timeout.ms", "2000",
        "authorization.enabled", "true",
        "authorization.rules.file", rules.toString(),
        "shutdown.graceful.ms", "0")));
    // A first request warms up Jersey and the JIT, so the one-second bound below measures the check only.
    CLIENT.send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/metadata/brokers"))
        .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void requests_coverEveryEndpoint() {
    Set<String> endpoints = new TreeSet<>();
    new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(HdInsightApi.class.getPackageName()).stream()
        .filter(type -> type.isAnnotatedWith(Path.class))
        .map(JavaClass::reflect)
        .forEach(type -> collect(type, type.getAnnotation(Path.class).value(), endpoints));
    endpoints.removeAll(UNCHECKED);

    assertEquals(endpoints, REQUESTS.keySet(), "every HDInsight endpoint needs a request here (and a check in the resource)");
  }

  @TestFactory
  Stream<DynamicTest> everyEndpoint_noRules_403AtOnce() {
    return REQUESTS.entrySet().stream().map(entry -> dynamicTest(entry.getKey(), () -> {
      HttpResponse<String> response = entry.getValue().send();

      assertEquals(403, response.statusCode(), response.body());
      JsonNode body = JSON.readTree(response.body());
      assertEquals(40301, body.get("error_code").intValue(), response.body());
      assertTrue(body.get("message").textValue().startsWith("Not authorized to "), response.body());
    }));
  }

  /** Adds each HTTP method of {@code type} under {@code prefix}, following sub-resource locators. */
  private static void collect(Class<?> type, String prefix, Set<String> endpoints) {
    for (Method method : type.getDeclaredMethods()) {
      Path path = method.getAnnotation(Path.class);
      String full = join(prefix, path == null ? "" : path.value());
      String httpMethod = Stream.of(method.getAnnotations())
          .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
          .filter(java.util.Objects::nonNull).map(HttpMethod::value).findFirst().orElse(null);
      if (httpMethod != null) {
        endpoints.add(httpMethod + " " + full);
      } else if (path != null) {
        collect(method.getReturnType(), full, endpoints);
      }
    }
  }

  private static String join(String prefix, String path) {
    String joined = (prefix + "/" + path).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
  }

  private record Call(String method, String path, @Nullable String contentType, @Nullable String body) {
    HttpResponse<String> send() throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
          .timeout(Duration.ofSeconds(1))
          .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      return CLIENT.send(request.build(), BodyHandlers.ofString());
    }
  }
}
