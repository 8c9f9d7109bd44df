package dev.kafkarest.core.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The counting every {@link RecordBatchWriter} does: how many records its answer holds, and the bytes they count
 * for against a read's {@code max_bytes}. A writer calls {@link #counted} once a record is in its answer.
 *
 * @param <T> the finished answer
 */
public abstract class CountingBatchWriter<T> implements RecordBatchWriter<T> {
  private int count;
  private long bytes;

  /** Counts a record the writer has just added to its answer. */
  protected final void counted(ConsumerRecord<byte[], byte[]> record) {
    count++;
    bytes += RecordBatchWriter.sizeOf(record);
  }

  @Override
  public final int count() {
    return count;
  }

  @Override
  public final long bytes() {
    return bytes;
  }
}
