package dev.kafkarest.server.hdinsight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.kafkarest.server.access.DenyAllProxy;
import dev.kafkarest.server.access.DenyAllProxy.Call;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
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

  /** The listing is filtered, never refused. */
  private static final Set<String> UNCHECKED = Set.of("GET /v1/metadata/topics");

  private static final Map<String, Call> REQUESTS = new TreeMap<>(Map.ofEntries(
      Map.entry("GET /v1/metadata/brokers", Call.get("/v1/metadata/brokers")),
      Map.entry("GET /v1/metadata/topics/{topic}/partitions",
          Call.get("/v1/metadata/topics/t/partitions")),
      Map.entry("GET /v1/metadata/topics/{topic}/partitions/{partition}",
          Call.get("/v1/metadata/topics/t/partitions/0")),
      Map.entry("PUT /v1/topics/{topic}", new Call("PUT", "/v1/topics/t", "application/json", "{}")),
      Map.entry("DELETE /v1/topics/{topic}", new Call("DELETE", "/v1/topics/t", null, null)),
      Map.entry("POST /v1/producer/topics/{topic}",
          new Call("POST", "/v1/producer/topics/t", "application/json", "{\"records\":[{\"value\":1}]}")),
      Map.entry("GET /v1/consumer/topics/{topic}/partitions/{partition}/offsets/{offset}",
          Call.get("/v1/consumer/topics/t/partitions/0/offsets/0"))));

  private static DenyAllProxy proxy;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    proxy = DenyAllProxy.start(Call.get("/v1/metadata/brokers"));
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void requests_coverEveryEndpoint() {
    Set<String> endpoints = DenyAllProxy.endpoints(HdInsightApi.class.getPackageName());
    endpoints.removeAll(UNCHECKED);

    assertEquals(endpoints, REQUESTS.keySet(), "every HDInsight endpoint needs a request here (and a check in the resource)");
  }

  @TestFactory
  Stream<DynamicTest> everyEndpoint_noRules_403AtOnce() {
    return REQUESTS.entrySet().stream()
        .map(entry -> dynamicTest(entry.getKey(), () -> proxy.assertRefused(entry.getValue())));
  }
}
