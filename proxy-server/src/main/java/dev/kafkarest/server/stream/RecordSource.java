package dev.kafkarest.server.stream;

import dev.kafkarest.core.consumer.RecordBatchWriter;
import java.util.concurrent.CompletableFuture;

/**
 * Where a stream's records come from: the next batch from the source's position. A consumer instance's
 * long-poll read is one; a partition followed from an offset, without an instance, is another
 * ({@link PartitionSource}).
 */
public interface RecordSource {

  /**
   * Reads the next batch into a writer made by {@code writers}, holding no thread while it waits. It
   * completes with what it has once it has any record, or, empty, after a wait of the source's own choice
   * (a second for an instance, a few seconds for a partition). It fails with a {@code ProxyException} when
   * the source is gone, which ends the stream.
   *
   * @param maxBytes the most key and value bytes to take; the first record is taken whatever its size
   */
  <T> CompletableFuture<T> read(long maxBytes, RecordBatchWriter.Factory<T> writers);

  /**
   * Keeps the source alive while its stream waits for a slow reader and reads nothing.
   *
   * @throws dev.kafkarest.core.error.ProxyException when the source is gone (deleted, expired)
   */
  void keepAlive();

  /** Called once when the stream ends, however it ends: frees what the source holds. */
  default void close() {}
}
