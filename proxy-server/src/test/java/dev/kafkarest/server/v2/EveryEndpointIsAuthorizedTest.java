package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.kafkarest.server.access.DenyAllProxy;
import dev.kafkarest.server.access.DenyAllProxy.Call;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.v3.V3Api;
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
 * Every v2 and v3 endpoint is authorized: with rules that allow nothing, each one answers 403/40301 at once (the
 * cluster address leads nowhere, so an endpoint that asked Kafka or looked for the resource first would
 * answer something else, or late). The endpoints are found in the resource classes, so a new endpoint
 * without an entry here, and so without its check, fails {@link #requests_coverEveryEndpoint}.
 */
class EveryEndpointIsAuthorizedTest {
  private static final String INSTANCE = "/consumers/g/instances/i";
  private static final String PARTITIONS = "{\"partitions\":[{\"topic\":\"t\",\"partition\":0}]}";
  private static final String OFFSETS = "{\"offsets\":[{\"topic\":\"t\",\"partition\":0,\"offset\":1}]}";

  private static final String V3 = "/v3/clusters/c";
  private static final String V3_GROUP = V3 + "/consumer-groups/g";

  /**
   * Endpoints that need no permission: Confluent's liveness endpoints, the listings, which are filtered, and the
   * {@code HEAD} of the reads, which is 405 for every caller.
   */
  private static final Set<String> UNCHECKED = Set.of("GET /", "POST /", "GET /topics",
      "GET /v3/clusters/{cluster_id}/topics", "GET /v3/clusters/{cluster_id}/topics/-/configs",
      "GET /v3/clusters/{cluster_id}/consumer-groups", "HEAD /consumers/{group}/instances/{instance}/records",
      "HEAD /consumers/{group}/instances/{instance}/topics/{topic}",
      "HEAD /topics/{topic}/partitions/{partition}/records");

  private static final Map<String, Call> REQUESTS = new TreeMap<>(Map.ofEntries(
      Map.entry("GET /topics/{topic}", Call.get("/topics/t")),
      Map.entry("POST /topics/{topic}", new Call("POST", "/topics/t", KafkaMediaTypes.BINARY_V2,
          "{\"records\":[{\"value\":\"AA==\"}]}")),
      Map.entry("GET /topics/{topic}/partitions", Call.get("/topics/t/partitions")),
      Map.entry("GET /topics/{topic}/partitions/{partition}", Call.get("/topics/t/partitions/0")),
      Map.entry("POST /topics/{topic}/partitions/{partition}", new Call("POST", "/topics/t/partitions/0",
          KafkaMediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"AA==\"}]}")),
      Map.entry("GET /topics/{topic}/partitions/{partition}/offsets",
          Call.get("/topics/t/partitions/0/offsets")),
      Map.entry("GET /topics/{topic}/partitions/{partition}/records",
          Call.get("/topics/t/partitions/0/records?offset=0")),
      Map.entry("GET /topics/{topic}/partitions/{partition}/messages",
          Call.get("/topics/t/partitions/0/messages?offset=0")),
      Map.entry("GET /brokers", Call.get("/brokers")),
      Map.entry("POST /consumers/{group}",
          new Call("POST", "/consumers/g", KafkaMediaTypes.V2_JSON, "{\"name\":\"i\"}")),
      Map.entry("DELETE /consumers/{group}/instances/{instance}", new Call("DELETE", INSTANCE, null, null)),
      Map.entry("POST /consumers/{group}/instances/{instance}/subscription",
          new Call("POST", INSTANCE + "/subscription", KafkaMediaTypes.V2_JSON, "{\"topics\":[\"t\"]}")),
      Map.entry("GET /consumers/{group}/instances/{instance}/subscription",
          Call.get(INSTANCE + "/subscription")),
      Map.entry("DELETE /consumers/{group}/instances/{instance}/subscription",
          new Call("DELETE", INSTANCE + "/subscription", null, null)),
      Map.entry("POST /consumers/{group}/instances/{instance}/assignments",
          new Call("POST", INSTANCE + "/assignments", KafkaMediaTypes.V2_JSON, PARTITIONS)),
      Map.entry("GET /consumers/{group}/instances/{instance}/assignments",
          Call.get(INSTANCE + "/assignments")),
      Map.entry("POST /consumers/{group}/instances/{instance}/positions",
          new Call("POST", INSTANCE + "/positions", KafkaMediaTypes.V2_JSON, OFFSETS)),
      Map.entry("POST /consumers/{group}/instances/{instance}/positions/beginning",
          new Call("POST", INSTANCE + "/positions/beginning", KafkaMediaTypes.V2_JSON, PARTITIONS)),
      Map.entry("POST /consumers/{group}/instances/{instance}/positions/end",
          new Call("POST", INSTANCE + "/positions/end", KafkaMediaTypes.V2_JSON, PARTITIONS)),
      Map.entry("POST /consumers/{group}/instances/{instance}/offsets",
          new Call("POST", INSTANCE + "/offsets", KafkaMediaTypes.V2_JSON, OFFSETS)),
      Map.entry("GET /consumers/{group}/instances/{instance}/offsets",
          Call.get(INSTANCE + "/offsets?partitions=t:0")),
      Map.entry("GET /consumers/{group}/instances/{instance}/topics/{topic}",
          Call.get(INSTANCE + "/topics/t?timeout=0")),
      Map.entry("GET /consumers/{group}/instances/{instance}/records",
          Call.get(INSTANCE + "/records?timeout=0")),
      Map.entry("GET /v3/clusters", Call.get("/v3/clusters")),
      Map.entry("GET /v3/clusters/{cluster_id}", Call.get(V3)),
      Map.entry("GET /v3/clusters/{cluster_id}/brokers", Call.get(V3 + "/brokers")),
      Map.entry("GET /v3/clusters/{cluster_id}/brokers/{broker_id}", Call.get(V3 + "/brokers/1")),
      Map.entry("POST /v3/clusters/{cluster_id}/topics", new Call("POST", V3 + "/topics", "application/json",
          "{\"topic_name\":\"t\"}")),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}", Call.get(V3 + "/topics/t")),
      Map.entry("DELETE /v3/clusters/{cluster_id}/topics/{topic_name}",
          new Call("DELETE", V3 + "/topics/t", null, null)),
      Map.entry("PATCH /v3/clusters/{cluster_id}/topics/{topic_name}",
          new Call("PATCH", V3 + "/topics/t", "application/json", "{\"partitions_count\":2}")),
      Map.entry("POST /v3/clusters/{cluster_id}/topics/{topic_name}/configs:alter",
          new Call("POST", V3 + "/topics/t/configs:alter", "application/json", "{\"data\":[]}")),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/configs",
          Call.get(V3 + "/topics/t/configs")),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}",
          Call.get(V3 + "/topics/t/configs/retention.ms")),
      Map.entry("PUT /v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}",
          new Call("PUT", V3 + "/topics/t/configs/retention.ms", "application/json", "{\"value\":\"1\"}")),
      Map.entry("DELETE /v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}",
          new Call("DELETE", V3 + "/topics/t/configs/retention.ms", null, null)),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/partitions",
          Call.get(V3 + "/topics/t/partitions")),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}",
          Call.get(V3 + "/topics/t/partitions/0")),
      Map.entry("GET /v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/offset",
          Call.get(V3 + "/topics/t/partitions/0/offset")),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}",
          Call.get(V3_GROUP)),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers",
          Call.get(V3_GROUP + "/consumers")),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}",
          Call.get(V3_GROUP + "/consumers/m")),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}/assignments",
          Call.get(V3_GROUP + "/consumers/m/assignments")),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}"
          + "/assignments/{topic_name}/partitions/{partition_id}",
          Call.get(V3_GROUP + "/consumers/m/assignments/t/partitions/0")),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lags",
          Call.get(V3_GROUP + "/lags")),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lags/{topic_name}/partitions"
          + "/{partition_id}", Call.get(V3_GROUP + "/lags/t/partitions/0")),
      Map.entry("GET /v3/clusters/{cluster_id}/consumer-groups/{consumer_group_id}/lag-summary",
          Call.get(V3_GROUP + "/lag-summary"))));

  private static DenyAllProxy proxy;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    proxy = DenyAllProxy.start(Call.get("/brokers"));
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void requests_coverEveryEndpoint() {
    Set<String> endpoints = DenyAllProxy.endpoints(V2Api.class.getPackageName(), V3Api.class.getPackageName());
    endpoints.removeAll(UNCHECKED);

    assertEquals(endpoints, REQUESTS.keySet(), "every v2 and v3 endpoint needs a request here (and a check in the resource)");
  }

  @TestFactory
  Stream<DynamicTest> everyEndpoint_noRules_403AtOnce() {
    return REQUESTS.entrySet().stream()
        .map(entry -> dynamicTest(entry.getKey(), () -> proxy.assertRefused(entry.getValue())));
  }
}
