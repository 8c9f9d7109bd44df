package dev.kafkarest.server.metrics;

import dev.kafkarest.core.metrics.ProxyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core's counts as Micrometer counters: produce records and bytes, consumer instances and reads; and the
 * reads waiting as a gauge.
 */
final class CoreMeters implements ProxyMetrics {
  private final Counter producedRecords;
  private final Counter producedErrors;
  private final Counter producedBytes;
  private final Counter creations;
  private final Counter deletions;
  private final Counter expirations;
  private final Counter consumedRecords;
  private final Counter consumedBytes;
  private final AtomicInteger waitingReads = new AtomicInteger();

  CoreMeters(MeterRegistry registry) {
    this.producedRecords = Counter.builder("kafka.rest.produce.records")
        .description("Records produced and acknowledged by Kafka").register(registry);
    this.producedErrors = Counter.builder("kafka.rest.produce.record.errors")
        .description("Records of produce requests that failed, each reported in its response").register(registry);
    this.producedBytes = Counter.builder("kafka.rest.produce.bytes").baseUnit("bytes")
        .description("Bytes of the keys and values of the records handed to the producer").register(registry);
    this.creations = Counter.builder("kafka.rest.consumer.instance.creations")
        .description("Consumer instances created").register(registry);
    this.deletions = Counter.builder("kafka.rest.consumer.instance.deletions")
        .description("Consumer instances deleted by a client").register(registry);
    this.expirations = Counter.builder("kafka.rest.consumer.instance.expirations")
        .description("Consumer instances removed after consumer.instance.timeout.ms idle").register(registry);
    this.consumedRecords = Counter.builder("kafka.rest.consumer.records")
        .description("Records returned by consumer instance reads").register(registry);
    this.consumedBytes = Counter.builder("kafka.rest.consumer.bytes").baseUnit("bytes")
        .description("Bytes of the keys and values of the records returned by reads").register(registry);
    Gauge.builder("kafka.rest.consumer.reads.waiting", waitingReads, AtomicInteger::get)
        .description("Consumer instance reads begun and not yet answered (long polls waiting for records)")
        .register(registry);
  }

  @Override
  public void produced(int written, int failed, long bytes) {
    producedRecords.increment(written);
    producedErrors.increment(failed);
    producedBytes.increment(bytes);
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
    consumedRecords.increment(records);
    consumedBytes.increment(bytes);
  }

  @Override
  public void readStarted() {
    waitingReads.incrementAndGet();
  }

  @Override
  public void readEnded() {
    waitingReads.decrementAndGet();
  }
}
