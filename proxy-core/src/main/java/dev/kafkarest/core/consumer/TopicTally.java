package dev.kafkarest.core.consumer;

import dev.kafkarest.core.metrics.ProxyMetrics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A read's writer that also counts the records and bytes it takes per topic, for metrics with a topic label.
 * Used only when {@link ProxyMetrics#perTopic()}; like the writer it wraps, it belongs to one read.
 *
 * @param <T> the finished answer
 */
final class TopicTally<T> implements RecordBatchWriter<T> {
  private final RecordBatchWriter<T> writer;
  /** Per topic: records, bytes. At most the topics of one read's answer. */
  private final Map<String, long[]> topics = new HashMap<>();

  TopicTally(RecordBatchWriter<T> writer) {
    this.writer = writer;
  }

  @Override
  public void add(ConsumerRecord<byte[], byte[]> record) {
    writer.add(record);
    countWritten(record);
  }

  /** Counts a record the wrapped writer already holds (an answer written ahead, taken over). */
  void countWritten(ConsumerRecord<byte[], byte[]> record) {
    long[] counts = topics.computeIfAbsent(record.topic(), topic -> new long[2]);
    counts[0]++;
    counts[1] += RecordBatchWriter.sizeOf(record);
  }

  @Override
  public int count() {
    return writer.count();
  }

  @Override
  public long bytes() {
    return writer.bytes();
  }

  @Override
  public T finish() {
    return writer.finish();
  }

  /** Reports the counts per topic to {@code metrics}. */
  void report(ProxyMetrics metrics) {
    topics.forEach((topic, counts) -> metrics.consumerRead(topic, (int) counts[0], counts[1]));
  }
}
