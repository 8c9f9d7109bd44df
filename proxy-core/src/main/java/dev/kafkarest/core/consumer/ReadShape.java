package dev.kafkarest.core.consumer;

import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * What a read writes: its writer factory (the caller's API), the instance's format and codec, and its
 * {@code max_bytes}. Two reads of the same shape write the same answer from the same records.
 *
 * @param maxBytes the cap on the answer's key and value bytes; the first record is taken whatever its size
 * @param <T> the answer the writers build
 */
record ReadShape<T>(RecordBatchWriter.Factory<T> factory, EmbeddedFormat format, RecordCodec codec,
    long maxBytes) {

  /** {@return a new, empty writer} */
  RecordBatchWriter<T> newWriter() {
    return factory.create(format, codec);
  }

  /** {@return whether {@code record} goes into the answer {@code writer} holds, within max_bytes} */
  boolean fits(RecordBatchWriter<?> writer, ConsumerRecord<byte[], byte[]> record) {
    return writer.count() == 0 || writer.bytes() + RecordBatchWriter.sizeOf(record) <= maxBytes;
  }

  /** {@return whether the answer {@code writer} holds has reached max_bytes} */
  boolean isFull(RecordBatchWriter<?> writer) {
    return writer.bytes() >= maxBytes;
  }

  /**
   * {@return whether a read of {@code other} writes what one of this shape does}: the same factory object (a
   *     caller keeps one per API) and max_bytes; format and codec belong to the instance
   */
  boolean sameAs(@Nullable ReadShape<?> other) {
    return other != null && other.factory == factory && other.maxBytes == maxBytes && other.format == format;
  }
}
