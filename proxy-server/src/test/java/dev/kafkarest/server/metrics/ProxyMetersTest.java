package dev.kafkarest.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.consumer.RegistrySettings;
import dev.kafkarest.core.metrics.ProxyMetrics;
import dev.kafkarest.server.config.JmxSettings;
import dev.kafkarest.server.config.OperationsSettings;
import dev.kafkarest.server.nodes.ForwardingOutcomes;
import dev.kafkarest.server.exchange.Exchange;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyMetersTest {
  private static final OperationsSettings.Metrics ON = new OperationsSettings.Metrics(true, "/metrics");
  private static final OperationsSettings.Metrics OFF = new OperationsSettings.Metrics(false, "/metrics");

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MockAdminClient admin = new MockAdminClient();
  private final ConsumerRegistry consumers = new ConsumerRegistry(
      new RegistrySettings(Map.of(), Duration.ofMinutes(1), Duration.ofSeconds(1), 1 << 20, -1, Duration.ofMillis(50),
          Duration.ofSeconds(1), 10, 16),
      config -> {
        throw new UnsupportedOperationException("no consumers here");
      }, Runnable::run, Runnable::run, Scheduler.disabledScheduler(), Ticker.disabledTicker(), "n");
  private ProxyMeters meters;

  @AfterEach
  void close() {
    if (meters != null) {
      meters.close();
    }
  }

  @Test
  void disabled_reportsNothingAndServesNoScrape() {
    meters = ProxyMeters.create(OFF);

    assertSame(ProxyMetrics.none(), meters.core());
    assertTrue(meters.feature(producer, admin, consumers).resources().isEmpty());
  }

  @Test
  void core_countsProducedRecordsErrorsAndBytes_andConsumerInstanceEvents() {
    meters = ProxyMeters.create(ON);
    PrometheusMeterRegistry registry = registryOf(meters);

    meters.core().produced(3, 1, 40);
    meters.core().produced(2, 0, 10);
    meters.core().consumerCreated();
    meters.core().consumerCreated();
    meters.core().consumerRemoved(ProxyMetrics.Removal.DELETED);
    meters.core().consumerRemoved(ProxyMetrics.Removal.EXPIRED);
    meters.core().consumerRemoved(ProxyMetrics.Removal.SHUTDOWN);
    meters.core().consumerRead(7, 700);

    PrometheusText text = PrometheusText.parse(registry.scrape());
    assertEquals(5, text.sum("kafka_rest_produce_records_total", Map.of()));
    assertEquals(1, text.sum("kafka_rest_produce_record_errors_total", Map.of()));
    assertEquals(50, text.sum("kafka_rest_produce_bytes_total", Map.of()));
    assertEquals(2, text.sum("kafka_rest_consumer_instance_creations_total", Map.of()));
    assertEquals(1, text.sum("kafka_rest_consumer_instance_deletions_total", Map.of()));
    assertEquals(1, text.sum("kafka_rest_consumer_instance_expirations_total", Map.of()));
    assertEquals(7, text.sum("kafka_rest_consumer_records_total", Map.of()));
    assertEquals(700, text.sum("kafka_rest_consumer_bytes_total", Map.of()));
  }

  @Test
  void topicLabelOn_scrapeHasTopicLabelledCounters_andConsumerAggregates() {
    meters = ProxyMeters.create(new OperationsSettings.Metrics(true, "/metrics", true, 1));
    PrometheusMeterRegistry registry = registryOf(meters);

    meters.core().produced("orders", 3, 0, 30);
    meters.core().produced("payments", 1, 0, 10);
    meters.core().consumerRead("orders", 2, 20);

    PrometheusText text = PrometheusText.parse(registry.scrape());
    assertEquals(3, text.sum("kafka_rest_produce_records_total", Map.of("topic", "orders")));
    assertEquals(1, text.sum("kafka_rest_produce_records_total", Map.of("topic", "other")));
    assertEquals(20, text.sum("kafka_rest_consumer_bytes_total", Map.of("topic", "orders")));
    assertTrue(text.has("kafka_rest_consumer_client_records_consumed_total"), "aggregated consumer metrics");
  }

  @Test
  void consumerProperties_metricsOff_unchanged() {
    meters = ProxyMeters.create(OFF);
    Map<String, Object> properties = Map.of("metric.reporters", "");

    assertSame(properties, meters.consumerProperties(properties));
  }

  @Test
  void http_countsEachExchangeByTemplateMethodStatusAndErrorCode() {
    meters = ProxyMeters.create(ON);
    PrometheusMeterRegistry registry = registryOf(meters);

    meters.http().answered(exchange("POST", "/topics/{topic}", 200, null, 5_000_000, 120, 80));
    meters.http().answered(exchange("POST", "/topics/{topic}", 200, null, 7_000_000, 100, 80));
    meters.http().answered(exchange("POST", "/topics/{topic}", 404, 40401, 1_000_000, 100, 60));
    meters.http().answered(exchange("BREW", Exchange.UNMATCHED, 405, 405, 1_000, 0, 50));

    PrometheusText text = PrometheusText.parse(registry.scrape());
    Map<String, String> ok = Map.of("uri", "/topics/{topic}", "method", "POST", "status", "200", "error_code", "",
        "outcome", "SUCCESS");
    assertEquals(2, text.sum("http_server_requests_seconds_count", ok));
    assertEquals(0.012, text.sum("http_server_requests_seconds_sum", ok), 1e-9);
    assertEquals(1, text.sum("http_server_requests_seconds_bucket", with(ok, "le", "0.005")));
    assertEquals(2, text.sum("http_server_requests_seconds_bucket", with(ok, "le", "0.01")));
    assertEquals(220, text.sum("http_server_request_body_size_bytes_sum", ok));
    assertEquals(160, text.sum("http_server_response_body_size_bytes_sum", ok));
    assertEquals(1, text.sum("http_server_requests_seconds_count", Map.of("uri", "/topics/{topic}", "status", "404",
        "error_code", "40401")));
    assertEquals(1, text.sum("http_server_requests_seconds_count", Map.of("uri", "UNMATCHED", "method", "OTHER")));
  }

  @Test
  void feature_bindsJvmConsumerAndKafkaClientMeters_withoutTopicLabels() {
    meters = ProxyMeters.create(ON);
    MetricName perTopic = new MetricName("record-send-total", "producer-topic-metrics", "",
        Map.of("client-id", "p", "topic", "orders"));
    MetricName perClient = new MetricName("record-send-total", "producer-metrics", "", Map.of("client-id", "p"));
    producer.setMockMetrics(perTopic, metric(perTopic));
    producer.setMockMetrics(perClient, metric(perClient));

    MetricsFeature feature = meters.feature(producer, admin, consumers);

    PrometheusText text = PrometheusText.parse(registryOf(meters).scrape());
    assertEquals(1, feature.resources().size());
    assertTrue(text.has("jvm_memory_used_bytes"), "JVM meters");
    assertTrue(text.has("process_cpu_usage") || text.has("system_cpu_count"), "process meters");
    assertEquals(0, text.sum("kafka_rest_consumer_instances", Map.of()));
    assertTrue(text.has("kafka_producer_record_send_total"), "the producer's client metrics");
    assertFalse(text.samples().stream().anyMatch(s -> s.labels().containsKey("topic")), "no topic label");
  }

  @Test
  void streamsByOffset_gaugeFollowsTheOpenCount() {
    meters = ProxyMeters.create(ON);
    AtomicInteger open = new AtomicInteger(2);

    meters.streamsByOffset(open::get);
    assertEquals(2, PrometheusText.parse(registryOf(meters).scrape()).sum("kafka_rest_stream_partitions_open", Map.of()));
    open.set(0);
    assertEquals(0, PrometheusText.parse(registryOf(meters).scrape()).sum("kafka_rest_stream_partitions_open", Map.of()));
  }

  @Test
  void nodes_liveGaugeAndCallsByOutcome() {
    meters = ProxyMeters.create(ON);
    AtomicInteger live = new AtomicInteger(3);

    ForwardingOutcomes outcomes = meters.nodes(live::get);
    outcomes.record(ForwardingOutcomes.Outcome.FORWARDED);
    outcomes.record(ForwardingOutcomes.Outcome.FORWARDED);
    outcomes.record(ForwardingOutcomes.Outcome.OWNER_GONE);
    live.set(2);

    PrometheusText text = PrometheusText.parse(registryOf(meters).scrape());
    assertEquals(2, text.sum("kafka_rest_nodes_live", Map.of()));
    assertEquals(2, text.sum("kafka_rest_nodes_calls_total", Map.of("outcome", "forwarded")));
    assertEquals(1, text.sum("kafka_rest_nodes_calls_total", Map.of("outcome", "owner_gone")));
    assertEquals(0, text.sum("kafka_rest_nodes_calls_total", Map.of("outcome", "owner_unreachable")));
    assertTrue(text.has("kafka_rest_nodes_calls_total"), "every outcome is there from the start");
  }

  @Test
  void nodes_metricsOff_countNothing() {
    meters = ProxyMeters.create(OFF);

    assertSame(ForwardingOutcomes.NONE, meters.nodes(() -> 3));
  }

  @Test
  void scrape_openMetricsAccepted_answersOpenMetrics() throws Exception {
    meters = ProxyMeters.create(ON);
    meters.core().produced(1, 0, 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    registryOf(meters).scrape(out, MetricsFeature.contentType("application/openmetrics-text; version=1.0.0"));

    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.endsWith("# EOF\n"), text);
    assertEquals(1, PrometheusText.parse(text).sum("kafka_rest_produce_records_total", Map.of()));
  }

  @Test
  void core_readsStartedAndEnded_gaugeOfWaitingReads() {
    meters = ProxyMeters.create(ON);

    meters.core().readStarted();
    meters.core().readStarted();
    meters.core().readStarted();
    meters.core().readEnded();

    assertEquals(2, text(meters).sum("kafka_rest_consumer_reads_waiting", Map.of()));
  }

  @Test
  void http_streams_countedApartFromTheRequestsLatency() {
    meters = ProxyMeters.create(ON);
    String records = "/consumers/{group}/instances/{instance}/records";

    meters.http().answered(exchange("GET", records, 200, null, 4_000_000, 0, 100));
    meters.http().answered(stream(records, 90_000_000_000L, 5_000_000));

    PrometheusText text = text(meters);
    Map<String, String> ok = Map.of("uri", records, "method", "GET", "status", "200");
    assertEquals(1, text.sum("http_server_requests_seconds_count", ok));
    assertEquals(0.004, text.sum("http_server_requests_seconds_sum", ok), 1e-9);
    assertEquals(100, text.sum("http_server_response_body_size_bytes_sum", ok));
    assertEquals(1, text.sum("kafka_rest_streams_seconds_count", ok));
    assertEquals(90, text.sum("kafka_rest_streams_seconds_sum", ok), 1e-9);
    assertEquals(1, text.sum("kafka_rest_streams_seconds_bucket", with(ok, "le", "600.0")));
    assertEquals(0, text.sum("kafka_rest_streams_seconds_bucket", with(ok, "le", "60.0")));
    assertEquals(5_000_000, text.sum("kafka_rest_stream_body_size_bytes_sum", ok));
  }

  @Test
  void http_quotaRefusals_countedAsThrottled() {
    meters = ProxyMeters.create(ON);

    meters.http().answered(exchange("POST", "/topics/{topic}", 429, 42901, 1_000, 10, 20));
    meters.http().answered(exchange("POST", "/topics/{topic}", 429, 429, 1_000, 10, 20));
    meters.http().answered(exchange("GET", "/topics", 200, null, 1_000, 0, 20));

    assertEquals(1, text(meters).sum("kafka_rest_quota_throttled_requests_total", Map.of()));
  }

  @Test
  void jmxEnabled_metersAlsoMBeansUnderThePrefix_andUnregisteredOnClose() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    meters = ProxyMeters.create(ON, new JmxSettings(true, "kafka.rest.test"));

    meters.core().produced(3, 1, 40);
    meters.http().answered(exchange("POST", "/topics/{topic}", 200, null, 1_000_000, 10, 20));

    Set<ObjectName> names = server.queryNames(new ObjectName("kafka.rest.test:*"), null);
    ObjectName records = names.stream().filter(n -> n.toString().contains("kafkaRestProduceRecords")).findFirst()
        .orElseThrow(() -> new AssertionError(names.toString()));
    assertEquals(3.0, ((Number) server.getAttribute(records, "Count")).doubleValue());
    assertTrue(names.stream().anyMatch(n -> n.toString().contains("httpServerRequests")), names::toString);
    assertEquals(3, text(meters).sum("kafka_rest_produce_records_total", Map.of()), "Prometheus has them too");

    meters.close();
    meters = null;
    assertTrue(server.queryNames(new ObjectName("kafka.rest.test:*"), null).isEmpty());
  }

  @Test
  void jmxDisabled_noMBeans() throws Exception {
    meters = ProxyMeters.create(ON, new JmxSettings(false, "kafka.rest.off"));

    meters.core().produced(1, 0, 1);

    assertTrue(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("kafka.rest.off:*"), null)
        .isEmpty());
  }

  private static PrometheusText text(ProxyMeters meters) {
    return PrometheusText.parse(Objects.requireNonNull(meters.registry()).scrape());
  }

  private static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> copy = new HashMap<>(labels);
    copy.put(key, value);
    return copy;
  }

  private static Metric metric(MetricName name) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return name;
      }

      @Override
      public Object metricValue() {
        return 3.0;
      }
    };
  }

  private static Exchange exchange(String method, String template, int status, Integer errorCode, long nanos,
      long in, long out) {
    return new Exchange(Instant.EPOCH, method, template, "/raw", status, errorCode, nanos, in, out, null, "127.0.0.1",
        "id", false);
  }

  private static Exchange stream(String template, long nanos, long out) {
    return new Exchange(Instant.EPOCH, "GET", template, "/raw", 200, null, nanos, 0, out, null, "127.0.0.1", "id",
        true);
  }

  private static PrometheusMeterRegistry registryOf(ProxyMeters meters) {
    return Objects.requireNonNull(meters.registry());
  }
}
