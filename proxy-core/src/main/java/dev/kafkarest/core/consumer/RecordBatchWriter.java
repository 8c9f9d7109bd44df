package dev.kafkarest.core.consumer;

import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.UndecodableDataException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Builds the answer to one read, record by record, in the shape of one API (v2's JSON array today; other
 * APIs bring their own). The core decides which records go in and when the answer is complete; the
 * writer decides what the answer looks like.
 *
 * <p>A writer belongs to one read and is used on that read's instance lane only, one call at a time; it
 * need not be thread-safe. It is called once per record on the hot path, so it should write straight into
 * its result rather than collect records first.
 *
 * @param <T> the finished answer
 */
public interface RecordBatchWriter<T> {

  /**
   * Appends a record.
   *
   * @throws UndecodableDataException if the key or value is not valid in the instance's format; the
   *     answer must then be left exactly as it was before the call
   */
  void add(ConsumerRecord<byte[], byte[]> record);

  /** {@return how many records were added} */
  int count();

  /**
   * {@return the bytes the added records count for against a read's {@code max_bytes} and {@code
   *     fetch.min.bytes}: the sum of {@link #sizeOf} over them}
   */
  long bytes();

  /** {@return the finished answer}; called once, after the last {@link #add} */
  T finish();

  /** {@return the bytes a record counts for against {@code max_bytes}: its key and value} */
  static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
    return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
  }

  /**
   * Creates the writer of one read, for the reading instance's format.
   *
   * @param <T> the finished answer
   */
  @FunctionalInterface
  interface Factory<T> {
    /**
     * {@return a new, empty writer}
     *
     * @param format the instance's embedded format
     * @param codec the codec of that format, which turns keys and values into JSON
     */
    RecordBatchWriter<T> create(EmbeddedFormat format, RecordCodec codec);
  }
}
