package dev.kafkarest.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class ConsumerClientMetersTest {
  private static final String FETCH = "consumer-fetch-manager-metrics";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConsumerClientMeters meters = new ConsumerClientMeters(registry);

  @Test
  void twoConsumers_oneSeriesPerMetric_valuesCombined() {
    try (Metrics first = consumerMetrics("a"); Metrics second = consumerMetrics("b")) {
      record(first, "records-consumed-total", FETCH, new CumulativeSum(), 5);
      record(second, "records-consumed-total", FETCH, new CumulativeSum(), 7);
      record(first, "records-lag-max", FETCH, new Max(), 3);
      record(second, "records-lag-max", FETCH, new Max(), 11);
      record(first, "assigned-partitions", "consumer-coordinator-metrics", new Value(), 2);
      record(second, "assigned-partitions", "consumer-coordinator-metrics", new Value(), 4);

      assertEquals(12, counter("records.consumed"));
      assertEquals(11, gauge("records.lag.max"));
      assertEquals(6, gauge("assigned.partitions"));
      assertEquals(2, gauge("consumers"));
      assertEquals(1, registry.find(ConsumerClientMeters.PREFIX + "records.consumed").meters().size());
    }
  }

  @Test
  void consumerClosed_totalKept_gaugesDropIt() {
    Metrics first = consumerMetrics("a");
    try (Metrics second = consumerMetrics("b")) {
      record(first, "records-consumed-total", FETCH, new CumulativeSum(), 5);
      record(second, "records-consumed-total", FETCH, new CumulativeSum(), 7);
      record(first, "records-lag-max", FETCH, new Max(), 30);
      record(second, "records-lag-max", FETCH, new Max(), 11);

      first.close();

      assertEquals(12, counter("records.consumed"));
      assertEquals(11, gauge("records.lag.max"));
      assertEquals(1, gauge("consumers"));
    }
    assertEquals(12, counter("records.consumed"));
    assertEquals(0, gauge("consumers"));
  }

  @Test
  void perTopicMetric_notTaken() {
    try (Metrics metrics = consumerMetrics("a")) {
      Sensor sensor = metrics.sensor("topic");
      sensor.add(metrics.metricName("records-consumed-total", FETCH, Map.of("client-id", "a", "topic", "t")),
          new CumulativeSum());
      sensor.record(9);

      assertEquals(0, counter("records.consumed"));
    }
  }

  @Test
  void averages_meanOfConsumersWithAValue() {
    try (Metrics first = consumerMetrics("a"); Metrics second = consumerMetrics("b")) {
      record(first, "fetch-latency-avg", FETCH, new Value(), 10);
      record(second, "fetch-latency-avg", FETCH, new Value(), 30);

      assertEquals(20, gauge("fetch.latency.avg"));
    }
  }

  @Test
  void consumerProperties_addsReporterAfterTheOperatorsAndTheAggregator() {
    Map<String, Object> properties = meters.consumerProperties(
        Map.of(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, JmxReporter.class.getName()));

    assertEquals(JmxReporter.class.getName() + "," + ConsumerClientMeters.Reporter.class.getName(),
        properties.get(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG));
    assertSame(meters, properties.get(ConsumerClientMeters.AGGREGATOR));
    assertEquals(ConsumerClientMeters.Reporter.class.getName(), meters.consumerProperties(
        Map.of(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "")).get(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG));
  }

  @Test
  void kafkaConsumer_reportsWhileOpen_leavesWhenClosed() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
    properties.put(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
    properties.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(meters.consumerProperties(properties));
    try {
      assertEquals(1, meters.consumers());
      assertEquals(0, counter("records.consumed"));
      assertTrue(registry.find(ConsumerClientMeters.PREFIX + "fetch.latency.max").gauge() != null);
    } finally {
      consumer.close();
    }
    assertEquals(0, meters.consumers());
  }

  @Test
  void reporterWithoutAggregator_doesNothing() {
    ConsumerClientMeters.Reporter reporter = new ConsumerClientMeters.Reporter();
    reporter.configure(Map.of());
    try (Metrics metrics = new Metrics(new MetricConfig(), List.of(reporter), Time.SYSTEM)) {
      record(metrics, "records-consumed-total", FETCH, new CumulativeSum(), 5);
    }
    assertEquals(0, meters.consumers());
    assertNull(registry.find(ConsumerClientMeters.PREFIX + "nothing").gauge());
  }

  private Metrics consumerMetrics(String clientId) {
    ConsumerClientMeters.Reporter reporter = new ConsumerClientMeters.Reporter();
    reporter.configure(Map.of(ConsumerClientMeters.AGGREGATOR, meters, "client.id", clientId));
    MetricConfig config = new MetricConfig().tags(Map.of("client-id", clientId));
    return new Metrics(config, List.of(reporter), Time.SYSTEM);
  }

  private static void record(Metrics metrics, String name, String group,
      org.apache.kafka.common.metrics.MeasurableStat stat, double value) {
    Sensor sensor = metrics.sensor(group + name);
    sensor.add(metrics.metricName(name, group), stat);
    sensor.record(value);
  }

  private double counter(String name) {
    return registry.get(ConsumerClientMeters.PREFIX + name).functionCounter().count();
  }

  private double gauge(String name) {
    return registry.get(ConsumerClientMeters.PREFIX + name).gauge().value();
  }
}
