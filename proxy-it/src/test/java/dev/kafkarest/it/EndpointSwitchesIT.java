package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Confluent's {@code api.v2.enable}, {@code api.endpoints.allowlist} and {@code api.endpoints.blocklist}, each on a
 * proxy of its own. Switched-off endpoints are sent raw: the OpenAPI document describes the endpoints as served.
 */
@ProxyTest
class EndpointSwitchesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String BINARY_RECORD = "{\"records\":[{\"value\":\"YQ==\"}]}";

  @Test
  void blocklist_blockedEndpoints_answer404ToGetAnd405ToPost_othersServe(TestBroker broker, KafkaTestClient kafka) {
    String topic = kafka.createTopic("blocklist", 1);
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "api.endpoints.blocklist", "api.v2.topics.list,api.v2.produce-to-topic.json"))) {
      HttpResult list = RawHttp.send(server.baseUri(), "GET", "/topics", List.of(), new byte[0], TIMEOUT);
      HttpResult escaped = RawHttp.send(server.baseUri(), "GET", "/%74opics", List.of(), new byte[0], TIMEOUT);
      HttpResult matrix = RawHttp.send(server.baseUri(), "GET", "/topics;x=1", List.of(), new byte[0], TIMEOUT);
      HttpResult json = RawHttp.send(server.baseUri(), "POST", "/topics/" + topic,
          List.of("Content-Type: application/vnd.kafka.json.v2+json"),
          "{\"records\":[{\"value\":1}]}".getBytes(StandardCharsets.UTF_8), TIMEOUT);
      ProxyClient proxy = new ProxyClient(server.baseUri());
      HttpResult one = proxy.getTopic(topic);
      HttpResult binary = proxy.produce(topic, MediaTypes.BINARY_V2, BINARY_RECORD);

      assertEquals(404, list.status(), list::toString);
      assertTrue(list.body().contains("\"error_code\":404"), list::toString);
      assertEquals(404, escaped.status(), escaped::toString);
      assertEquals(404, matrix.status(), matrix::toString);
      assertEquals(405, json.status(), json::toString);
      assertTrue(json.body().contains("\"error_code\":405"), json::toString);
      assertEquals(200, one.status(), one::toString);
      assertEquals(200, binary.status(), binary::toString);
      assertEquals(0, kafka.readAll(topic).stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8)
          .equals("1")).count());
    }
  }

  @Test
  void allowlist_onlyListedFamiliesServe(TestBroker broker) {
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "api.endpoints.allowlist", "api.v2.brokers.*,api.v2.root.get"))) {
      ProxyClient proxy = new ProxyClient(server.baseUri());
      HttpResult brokers = proxy.getBrokers();
      HttpResult root = proxy.getRoot();
      HttpResult topics = RawHttp.send(server.baseUri(), "GET", "/topics", List.of(), new byte[0], TIMEOUT);
      HttpResult create = RawHttp.send(server.baseUri(), "POST", "/consumers/g",
          List.of("Content-Type: application/vnd.kafka.v2+json"), "{}".getBytes(StandardCharsets.UTF_8), TIMEOUT);

      assertEquals(200, brokers.status(), brokers::toString);
      assertEquals(200, root.status(), root::toString);
      assertEquals(404, topics.status(), topics::toString);
      assertEquals(405, create.status(), create::toString);
    }
  }

  /**
   * The reads Confluent has no name for (by offset, v1's, HDInsight's) have names of the same kind, and {@code HEAD}
   * is named as {@code GET}, which Jersey runs for it: blocking the reads' families blocks all of them.
   */
  @Test
  void blocklist_readFamilies_blockEveryReadAndItsHead(TestBroker broker, KafkaTestClient kafka) {
    String topic = kafka.createTopic("reads", 1);
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of("api.endpoints.blocklist",
        "api.v2.consumers.*,api.v2.consume-from-partition.*,api.v1.hdinsight.consumer.*"))) {
      ProxyClient proxy = new ProxyClient(server.baseUri());
      assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2, BINARY_RECORD).status());
      String partition = "/topics/" + topic + "/partitions/0";
      HttpResult byOffset = get(server, partition + "/records?offset=0");
      HttpResult headByOffset = proxy.method("HEAD", partition + "/records?offset=0", BodyPublishers.noBody());
      HttpResult v1Messages = get(server, partition + "/messages?offset=0");
      HttpResult hdInsight = get(server, "/v1/consumer/topics/" + topic + "/partitions/0/offsets/0");
      HttpResult metadata = proxy.getTopic(topic);

      assertEquals(404, byOffset.status(), byOffset::toString);
      assertEquals(404, headByOffset.status(), headByOffset::toString);
      assertEquals(404, v1Messages.status(), v1Messages::toString);
      assertEquals(404, hdInsight.status(), hdInsight::toString);
      assertEquals(200, metadata.status(), metadata::toString);
    }
  }

  /** A non-empty allowlist serves nothing it does not name: not the HDInsight API, and not a {@code HEAD}. */
  @Test
  void allowlist_servesNoUnlistedEndpoint_noHead(TestBroker broker) {
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "api.endpoints.allowlist", "api.v2.topics.*"))) {
      ProxyClient proxy = new ProxyClient(server.baseUri());
      HttpResult topics = proxy.getTopics();
      HttpResult hdInsight = get(server, "/v1/metadata/topics");
      HttpResult headBrokers = proxy.method("HEAD", "/brokers", BodyPublishers.noBody());

      assertEquals(200, topics.status(), topics::toString);
      assertEquals(404, hdInsight.status(), hdInsight::toString);
      assertEquals(404, headBrokers.status(), headBrokers::toString);
    }
  }

  @Test
  void apiV2Disabled_v2PathsAnswer404_probesServe(TestBroker broker) {
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of("api.v2.enable", "false"))) {
      HttpResult topics = RawHttp.send(server.baseUri(), "GET", "/topics", List.of(), new byte[0], TIMEOUT);
      HttpResult produce = RawHttp.send(server.baseUri(), "POST", "/topics/t",
          List.of("Content-Type: " + MediaTypes.BINARY_V2), BINARY_RECORD.getBytes(StandardCharsets.UTF_8), TIMEOUT);
      HttpResult live = new ProxyClient(server.baseUri()).get("/healthz");

      assertEquals(404, topics.status(), topics::toString);
      assertTrue(topics.body().contains("\"error_code\":404"), topics::toString);
      assertEquals(404, produce.status(), produce::toString);
      assertEquals(200, live.status(), live::toString);
    }
  }

  @Test
  void allowlist_v3Names_restrictV3(TestBroker broker) {
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "api.endpoints.allowlist", "api.v3.clusters.*,api.v3.consumer-groups.list"))) {
      HttpResult clusters = RawHttp.send(server.baseUri(), "GET", "/v3/clusters", List.of(), new byte[0], TIMEOUT);
      assertEquals(200, clusters.status(), clusters::toString);
      String cluster = clusterId(clusters.body());
      HttpResult groups = get(server, "/v3/clusters/" + cluster + "/consumer-groups");
      HttpResult topics = get(server, "/v3/clusters/" + cluster + "/topics");
      HttpResult lags = get(server, "/v3/clusters/" + cluster + "/consumer-groups/g/lags");
      HttpResult create = RawHttp.send(server.baseUri(), "POST", "/v3/clusters/" + cluster + "/topics",
          List.of("Content-Type: application/json"), "{\"topic_name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
          TIMEOUT);
      HttpResult v2Topics = get(server, "/topics");

      assertEquals(200, groups.status(), groups::toString);
      assertEquals(404, topics.status(), topics::toString);
      assertEquals(404, lags.status(), lags::toString);
      assertEquals(405, create.status(), create::toString);
      assertEquals(404, v2Topics.status(), v2Topics::toString);
    }
  }

  @Test
  void blocklist_v3Name_withoutV2_blocksIt(TestBroker broker) {
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "api.v2.enable", "false", "api.endpoints.blocklist", "api.v3.topics.list"))) {
      HttpResult clusters = get(server, "/v3/clusters");
      assertEquals(200, clusters.status(), clusters::toString);
      String cluster = clusterId(clusters.body());
      HttpResult topics = get(server, "/v3/clusters/" + cluster + "/topics");
      HttpResult brokers = get(server, "/v3/clusters/" + cluster + "/brokers");

      assertEquals(404, topics.status(), topics::toString);
      assertEquals(200, brokers.status(), brokers::toString);
    }
  }

  private static HttpResult get(ProxyServer server, String path) {
    return RawHttp.send(server.baseUri(), "GET", path, List.of(), new byte[0], TIMEOUT);
  }

  private static String clusterId(String body) {
    Matcher matcher = Pattern.compile("\"cluster_id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    assertTrue(matcher.find(), body);
    return matcher.group(1);
  }
}
