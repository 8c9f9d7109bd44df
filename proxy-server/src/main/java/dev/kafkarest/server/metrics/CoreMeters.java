package dev.kafkarest.server.metrics;

import dev.kafkarest.core.metrics.ProxyMetrics;
import dev.kafkarest.server.config.OperationsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core's counts as Micrometer counters: produce records and bytes, consumer instances and reads; and the
 * reads waiting as a gauge. With a topic label, the record and byte counters are one set per topic, for at
 * most {@code metrics.labels.max.values} topics; the records of later topics count under {@value #OTHER}.
 */
final class CoreMeters implements ProxyMetrics {
  /** The label value of topics beyond {@code metrics.labels.max.values}. */
  static final String OTHER = "other";

  private final MeterRegistry registry;
  private final boolean topicLabel;
  private final int maxTopics;
  /** Per topic label value (or the one unlabelled set): at most {@code maxTopics + 1} entries. */
  private final Map<String, TopicCounters> topics = new ConcurrentHashMap<>();
  private final TopicCounters all;
  private final Counter creations;
  private final Counter deletions;
  private final Counter expirations;
  private final AtomicInteger waitingReads = new AtomicInteger();

  CoreMeters(MeterRegistry registry) {
    this(registry, false, OperationsSettings.Metrics.DEFAULT_MAX_LABEL_VALUES);
  }

  /**
   * @param topicLabel whether the record and byte counters carry a {@code topic} label
   * @param maxTopics the most distinct topic values; later topics count under {@value #OTHER}
   */
  CoreMeters(MeterRegistry registry, boolean topicLabel, int maxTopics) {
    this.registry = registry;
    this.topicLabel = topicLabel;
    this.maxTopics = maxTopics;
    this.all = topicLabel ? counters(OTHER) : new TopicCounters(registry, Tags.empty());
    this.creations = Counter.builder("kafka.rest.consumer.instance.creations")
        .description("Consumer instances created").register(registry);
    this.deletions = Counter.builder("kafka.rest.consumer.instance.deletions")
        .description("Consumer instances deleted by a client").register(registry);
    this.expirations = Counter.builder("kafka.rest.consumer.instance.expirations")
        .description("Consumer instances removed after consumer.instance.timeout.ms idle").register(registry);
    Gauge.builder("kafka.rest.consumer.reads.waiting", waitingReads, AtomicInteger::get)
        .description("Consumer instance reads begun and not yet answered (long polls waiting for records)")
        .register(registry);
  }

  @Override
  public void produced(int written, int failed, long bytes) {
    all.produced(written, failed, bytes);
  }

  @Override
  public void produced(String topic, int written, int failed, long bytes) {
    counters(topic).produced(written, failed, bytes);
  }

  @Override
  public void consumerCreated() {
    creations.increment();
  }

  @Override
  public void consumerRemoved(Removal removal) {
    switch (removal) {
      case DELETED -> deletions.increment();
      case EXPIRED -> expirations.increment();
      case SHUTDOWN -> { }
    }
  }

  @Override
  public void consumerRead(int records, long bytes) {
    if (!topicLabel) {
      all.consumed(records, bytes);
    }
  }

  @Override
  public boolean perTopic() {
    return topicLabel;
  }

  @Override
  public void consumerRead(String topic, int records, long bytes) {
    counters(topic).consumed(records, bytes);
  }

  @Override
  public void readStarted() {
    waitingReads.incrementAndGet();
  }

  @Override
  public void readEnded() {
    waitingReads.decrementAndGet();
  }

  /** {@return the counters of {@code topic}'s label value: its own among the first topics, else other's} */
  private TopicCounters counters(String topic) {
    if (!topicLabel) {
      return all;
    }
    TopicCounters counters = topics.get(topic);
    if (counters != null) {
      return counters;
    }
    // OTHER is always in the map. The cap is checked before adding, so concurrent first uses may pass it by
    // the number of threads racing; the map stays bounded all the same.
    String value = topics.size() <= maxTopics ? topic : OTHER;
    return topics.computeIfAbsent(value, name -> new TopicCounters(registry, Tags.of("topic", name)));
  }

  /** The record and byte counters of one topic label value, or the unlabelled ones. */
  private static final class TopicCounters {
    private final Counter producedRecords;
    private final Counter producedErrors;
    private final Counter producedBytes;
    private final Counter consumedRecords;
    private final Counter consumedBytes;

    TopicCounters(MeterRegistry registry, Tags tags) {
      this.producedRecords = Counter.builder("kafka.rest.produce.records").tags(tags)
          .description("Records produced and acknowledged by Kafka").register(registry);
      this.producedErrors = Counter.builder("kafka.rest.produce.record.errors").tags(tags)
          .description("Records of produce requests that failed, each reported in its response").register(registry);
      this.producedBytes = Counter.builder("kafka.rest.produce.bytes").baseUnit("bytes").tags(tags)
          .description("Bytes of the keys and values of the records handed to the producer").register(registry);
      this.consumedRecords = Counter.builder("kafka.rest.consumer.records").tags(tags)
          .description("Records returned by consumer instance reads").register(registry);
      this.consumedBytes = Counter.builder("kafka.rest.consumer.bytes").baseUnit("bytes").tags(tags)
          .description("Bytes of the keys and values of the records returned by reads").register(registry);
    }

    void produced(int written, int failed, long bytes) {
      producedRecords.increment(written);
      producedErrors.increment(failed);
      producedBytes.increment(bytes);
    }

    void consumed(int records, long bytes) {
      consumedRecords.increment(records);
      consumedBytes.increment(bytes);
    }
  }
}
