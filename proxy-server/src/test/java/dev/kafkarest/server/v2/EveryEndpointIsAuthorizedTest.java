package dev.kafkarest.server.v2;

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
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.v3.V3Api;
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
import java.util.List;
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
 * Every v2 and v3 endpoint is authorized: with rules that allow nothing, each one answers 403/40301 at once (the
 * cluster address leads nowhere, so an endpoint that asked Kafka or looked for the resource first would
 * answer something else, or late). The endpoints are found in the resource classes, so a new endpoint
 * without an entry here, and so without its check, fails {@link #requests_coverEveryEndpoint}.
 */
class EveryEndpointIsAuthorizedTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTANCE = "/consumers/g/instances/i";
  private static final String PARTITIONS = "{\"partitions\":[{\"topic\":\"t\",\"partition\":0}]}";
  private static final String OFFSETS = "{\"offsets\":[{\"topic\":\"t\",\"partition\":0,\"offset\":1}]}";

  private static final String V3 = "/v3/clusters/c";
  private static final String V3_GROUP = V3 + "/consumer-groups/g";

  /** Endpoints that need no permission: Confluent's liveness endpoints, and the listings, which are filtered. */
  private static final Set<String> UNCHECKED = Set.of("GET /", "POST /", "GET /topics",
      "GET /v3/clusters/{cluster_id}/topics", "GET /v3/clusters/{cluster_id}/topics/-/configs",
      "GET /v3/clusters/{cluster_id}/consumer-groups");

  private static final Map<String, Call> REQUESTS = new TreeMap<>(Map.ofEntries(
      Map.entry("GET /topics/{topic}", new Call("GET", "/topics/t", null, null)),
      Map.entry("POST /topics/{topic}", new Call("POST", "/topics/t", KafkaMediaTypes.BINARY_V2,
          "{\"records\":[{\"value\":\"AA==\"}]}")),
      Map.entry("GET /topics/{topic}/partitions", new Call("GET", "/topics/t/partitions", null, null)),
      Map.entry("GET /topics/{topic}/partitions/{partition}", new Call("GET", "/topics/t/partitions/0", null, null)),
      Map.entry("POST /topics/{topic}/partitions/{partition}", new Call("POST", "/topics/t/partitions/0",
          KafkaMediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"AA==\"}]}")),
      Map.entry("GET /topics/{topic}/partitions/{partition}/offsets",
          new Call("GET", "/topics/t/partitions/0/offsets", null, null)),
      Map.entry("GET /topics/{topic}/partitions/{partition}/records",
          new Call("GET", "/topics/t/partitions/0/records?offset=0", null, null)),
      Map.entry("GET /topics/{topic}/partitions/{partition}/messages",
          new Call("GET", "/topics/t/partitions/0/messages?offset=0", null, null)),
      Map.entry("GET /brokers", new Call("GET", "/brokers", null, null)),
      Map.entry("POST /consumers/{group}",
          new Call("POST", "/consumers/g", KafkaMediaTypes.V2_JSON, "{\"name\":\"i\"}")),
      Map.entry("DELETE /consumers/{group}/instances/{instance}", new Call("DELETE", INSTANCE, null, null)),
      Map.entry("POST /consumers/{group}/instances/{instance}/subscription",
          new Call("POST", INSTANCE + "/subscription", KafkaMediaTypes.V2_JSON, "{\"topics\":[\"t\"]}")),
      Map.entry("GET /consumers/{group}/instances/{instance}/subscription",
          new Call("GET", INSTANCE + "/subscription", null, null)),
      Map.entry("DELETE /consumers/{group}/instances/{instance}/subscription",
          new Call("DELETE", INSTANCE + "/subscription", null, null)),
      Map.entry("POST /consumers/{group}/instances/{instance}/assignments",
          new Call("POST", INSTANCE + "/assignments", KafkaMediaTypes.V2_JSON, PARTITIONS)),
      Map.entry("GET /consumers/{group}/instances/{instance}/assignments",
          new Call("GET", INSTANCE + "/assignments", null, null)),
      Map.entry("POST /consumers/{group}/instances/{instance}/positions",
          new Call("POST", INSTANCE + "/positions", KafkaMediaTypes.V2_JSON, OFFSETS)),
      Map.entry("POST /consumers/{group}/instances/{instance}/positions/beginning",
          new Call("POST", INSTANCE + "/positions/beginning", KafkaMediaTypes.V2_JSON, PARTITIONS)),
      Map.entry("POST /consumers/{group}/instances/{instance}/positions/end",
          new Call("POST", INSTANCE + "/positions/end", KafkaMediaTypes.V2_JSON, PARTITIONS)),
      Map.entry("POST /consumers/{group}/instances/{instance}/offsets",
          new Call("POST", INSTANCE + "/offsets", KafkaMediaTypes.V2_JSON, OFFSETS)),
      Map.entry("GET /consumers/{group}/instances/{instance}/offsets",
          new Call("GET", INSTANCE + "/offsets?partitions=t:0", null, null)),
      Map.entry("GET /consumers/{group}/instances/{instance}/topics/{topic}",
          new Call("GET", INSTANCE + "/topics/t?timeout=0", null, null)),
      Map.entry("GET /consumers/{group}/instances/{instance}/records",
          new Call("GET", INSTANCE + "/records?timeout=0", null, null)),
      Map.entry("GET /v3/clusters", new Call("GET", "/v3/clusters", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}", new Call("GET", V3, null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/brokers", new Call("GET", V3 + "/brokers", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/brokers/{broker_id}", new Call("GET", V3 + "/brokers/1", null, null)),
      Map.entry("POST /v3/clusters/{cluster_id}/topics", new Call("POST", V3 + "/topics", "application/json",
          "{\"topic_name\":\"t\"}")),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}", new Call("GET", V3 + "/topics/t", null, null)),
      Map.entry("DELETE /v3/clusters/{cluster_id}/topics/{topic_name}",
          new Call("DELETE", V3 + "/topics/t", null, null)),
      Map.entry("PATCH /v3/clusters/{cluster_id}/topics/{topic_name}",
          new Call("PATCH", V3 + "/topics/t", "application/json", "{\"partitions_count\":2}")),
      Map.entry("POST /v3/clusters/{cluster_id}/topics/{topic_name}/configs:alter",
          new Call("POST", V3 + "/topics/t/configs:alter", "application/json", "{\"data\":[]}")),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/configs",
          new Call("GET", V3 + "/topics/t/configs", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}",
          new Call("GET", V3 + "/topics/t/configs/retention.ms", null, null)),
      Map.entry("PUT /v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}",
          new Call("PUT", V3 + "/topics/t/configs/retention.ms", "application/json", "{\"value\":\"1\"}")),
      Map.entry("DELETE /v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}",
          new Call("DELETE", V3 + "/topics/t/configs/retention.ms", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/partitions",
          new Call("GET", V3 + "/topics/t/partitions", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}",
          new Call("GET", V3 + "/topics/t/partitions/0", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/offset",
          new Call("GET", V3 + "/topics/t/partitions/0/offset", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}",
          new Call("GET", V3_GROUP, null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers",
          new Call("GET", V3_GROUP + "/consumers", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}",
          new Call("GET", V3_GROUP + "/consumers/m", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}/assignments",
          new Call("GET", V3_GROUP + "/consumers/m/assignments", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}"
          + "/assignments/{topic_name}/partitions/{partition_id}",
          new Call("GET", V3_GROUP + "/consumers/m/assignments/t/partitions/0", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lags",
          new Call("GET", V3_GROUP + "/lags", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lags/{topic_name}/partitions"
          + "/{partition_id}", new Call("GET", V3_GROUP + "/lags/t/partitions/0", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lag-summary",
          new Call("GET", V3_GROUP + "/lag-summary", null, null))));

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
    // One refusal first, untimed: the first error response initialises the mappers and the JSON writer,
    // which on a loaded machine alone can take longer than the second each endpoint is given.
    try {
      CLIENT.send(HttpRequest.newBuilder(server.baseUri().resolve("/brokers")).timeout(Duration.ofSeconds(30))
          .GET().build(), BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void requests_coverEveryEndpoint() {
    Set<String> endpoints = new TreeSet<>();
    new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(V2Api.class.getPackageName(), V3Api.class.getPackageName()).stream()
        .filter(type -> type.isAnnotatedWith(Path.class))
        .map(JavaClass::reflect)
        .forEach(type -> collect(type, type.getAnnotation(Path.class).value(), endpoints));
    endpoints.removeAll(UNCHECKED);

    assertEquals(endpoints, REQUESTS.keySet(), "every v2 and v3 endpoint needs a request here (and a check in the resource)");
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
        // A sealed type stands for its permitted classes; a call RemoteInstanceResource serves goes on to the
        // node that holds the instance, which authorizes it (the group's read is checked before).
        Class<?> declared = method.getReturnType();
        List<Class<?>> types = declared.isSealed() ? List.of(declared.getPermittedSubclasses()) : List.of(declared);
        types.stream().filter(served -> served != RemoteInstanceResource.class)
            .forEach(served -> collect(served, full, endpoints));
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
