package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.metrics.PrometheusText;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus scrape, parsed: after known traffic on the shared proxy, the series of that traffic moved by
 * exactly as much. Each check compares two scrapes, since other tests use the same proxy before this one.
 * A request is counted once its response is written, which can be just after the client has it, so the
 * second scrape is awaited.
 */
@ProxyTest
class MetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Map<String, String> PRODUCED = Map.of("uri", "/topics/{topic}", "method", "POST",
      "status", "200", "error_code", "");

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  MetricsIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void produce_nRequests_countedByTemplateWithRecordsAndBytes() {
    String topic = kafka.createTopic("metrics-produce", 1);
    String body = "{\"records\":[{\"value\":\"" + b64("abcd") + "\"},{\"key\":\"" + b64("k") + "\",\"value\":\""
        + b64("ef") + "\"}]}";
    PrometheusText before = scrape();

    for (int i = 0; i < 3; i++) {
      assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2, body).status());
    }

    PrometheusText after = awaitDelta(before, "http_server_requests_seconds_count", PRODUCED, 3);
    assertEquals(6, delta(before, after, "kafka_rest_produce_records_total", Map.of()));
    assertEquals(3 * 7, delta(before, after, "kafka_rest_produce_bytes_total", Map.of()));
    assertEquals(0, delta(before, after, "kafka_rest_produce_record_errors_total", Map.of()));
    assertEquals(3 * body.length(), delta(before, after, "http_server_request_body_size_bytes_sum", PRODUCED));
    assertEquals(3, delta(before, after, "http_server_requests_seconds_bucket", with(PRODUCED, "le", "+Inf")));
  }

  @Test
  void errors_countedWithTheirErrorCodeUnderTheTemplate() {
    PrometheusText before = scrape();
    Map<String, String> missing = Map.of("uri", "/topics/{topic}", "method", "GET", "status", "404",
        "error_code", "40401");

    assertEquals(404, proxy.getTopic(KafkaTestClient.uniqueName("no-such-topic")).status());
    assertEquals(404, proxy.get("/no/such/path").status());

    PrometheusText after = awaitDelta(before, "http_server_requests_seconds_count", missing, 1);
    assertEquals(1, delta(before, after, "http_server_requests_seconds_count", Map.of("uri", "UNMATCHED",
        "status", "404")));
  }

  @Test
  void consumerInstance_lifeAndReadsCounted() {
    String topic = kafka.createTopic("metrics-consume", 1);
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2,
        "{\"records\":[{\"value\":\"" + b64("12345") + "\"}]}").status());
    PrometheusText before = scrape();

    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("metrics"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    consumer.subscribe(topic);
    assertEquals(1, consumer.readUntil(MediaTypes.BINARY_V2, 1, WAIT).size());
    PrometheusText during = scrape();
    assertEquals(204, consumer.delete().status());

    PrometheusText after = awaitDelta(before, "kafka_rest_consumer_instance_deletions_total", Map.of(), 1);
    assertEquals(1, delta(before, after, "kafka_rest_consumer_instance_creations_total", Map.of()));
    assertEquals(1, delta(before, after, "kafka_rest_consumer_records_total", Map.of()));
    assertEquals(5, delta(before, after, "kafka_rest_consumer_bytes_total", Map.of()));
    assertTrue(during.sum("kafka_rest_consumer_instances", Map.of()) >= 1, "live instances while it exists");
    // The Kafka consumers' own metrics, aggregated: one unlabelled series each, the total kept after the close.
    assertTrue(delta(before, after, "kafka_rest_consumer_client_records_consumed_total", Map.of()) >= 1,
        "records the Kafka consumers fetched");
    assertTrue(delta(before, after, "kafka_rest_consumer_client_fetch_total", Map.of()) >= 1, "fetches");
    assertTrue(during.sum("kafka_rest_consumer_client_consumers", Map.of()) >= 1, "consumers reporting");
    assertTrue(during.sum("kafka_rest_consumer_client_assigned_partitions", Map.of()) >= 1, "assigned partitions");
    for (String name : new String[] {"kafka_rest_consumer_client_records_consumed_total",
        "kafka_rest_consumer_client_fetch_latency_max", "kafka_rest_consumer_client_records_lag_max",
        "kafka_rest_consumer_client_connection_count"}) {
      assertEquals(1, during.samples().stream().filter(s -> s.name().equals(name)).count(), name);
    }
  }

  @Test
  void scrape_holdsJvmAndKafkaClientMetrics_andNoTopicLabel() {
    proxy.getTopics();

    PrometheusText text = scrape();

    assertTrue(text.has("jvm_memory_used_bytes"), "JVM memory");
    assertTrue(text.has("jvm_threads_live_threads"), "JVM threads");
    assertTrue(text.has("process_uptime_seconds"), "process uptime");
    assertTrue(text.samples().stream().anyMatch(s -> s.name().startsWith("kafka_producer_")), "producer metrics");
    assertTrue(text.samples().stream().anyMatch(s -> s.name().startsWith("kafka_admin_client_")), "Admin metrics");
    assertFalse(text.samples().stream().anyMatch(s -> s.labels().containsKey("topic")), "a topic label");
  }

  @Test
  void topicLabelOn_countersPerTopic_beyondTheCapOther(TestBroker broker) {
    String first = kafka.createTopic("metrics-label-a", 1);
    String second = kafka.createTopic("metrics-label-b", 1);
    String third = kafka.createTopic("metrics-label-c", 1);
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "metrics.labels.topic.enable", "true", "metrics.labels.max.values", "2"))) {
      ProxyClient own = new ProxyClient(server.baseUri());
      for (String topic : new String[] {first, second, third}) {
        assertEquals(200, own.produce(topic, MediaTypes.BINARY_V2,
            "{\"records\":[{\"value\":\"" + b64("abc") + "\"}]}").status());
      }
      HttpResult read = own.get("/topics/" + first + "/partitions/0/records?offset=0&count=1",
          "Accept", MediaTypes.BINARY_V2);
      assertEquals(200, read.status(), read::toString);

      PrometheusText text = PrometheusText.parse(own.get("/metrics").body());

      assertEquals(1, text.sum("kafka_rest_produce_records_total", Map.of("topic", first)));
      assertEquals(1, text.sum("kafka_rest_produce_records_total", Map.of("topic", second)));
      assertEquals(9, text.sum("kafka_rest_produce_bytes_total", Map.of()), "three records of 3 bytes");
      assertEquals(1, text.sum("kafka_rest_produce_records_total", Map.of("topic", "other")), "beyond the cap");
      assertFalse(text.samples().stream().anyMatch(s -> third.equals(s.labels().get("topic"))), "a third topic");
      assertEquals(1, text.sum("kafka_rest_consumer_records_total", Map.of("topic", first)));
      assertEquals(3, text.sum("kafka_rest_consumer_bytes_total", Map.of("topic", first)));
    }
  }

  @Test
  void scrape_openMetricsAccepted_answersOpenMetrics() {
    HttpResult result = proxy.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertEquals(200, result.status(), result::toString);
    assertEquals("application/openmetrics-text", result.mediaType());
    assertTrue(result.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
    assertTrue(PrometheusText.parse(result.body()).has("http_server_requests_seconds_count"));
  }

  private PrometheusText scrape() {
    HttpResult result = proxy.get("/metrics");
    assertEquals(200, result.status(), result::toString);
    assertEquals("text/plain", result.mediaType());
    return PrometheusText.parse(result.body());
  }

  private PrometheusText awaitDelta(PrometheusText before, String name, Map<String, String> labels, double expected) {
    PrometheusText after = Await.until(WAIT, name + " " + labels + " to grow by " + expected, this::scrape,
        now -> delta(before, now, name, labels) >= expected);
    assertEquals(expected, delta(before, after, name, labels), name + " " + labels);
    return after;
  }

  private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  private static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> copy = new HashMap<>(labels);
    copy.put(key, value);
    return copy;
  }
}
