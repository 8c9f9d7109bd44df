package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
}
