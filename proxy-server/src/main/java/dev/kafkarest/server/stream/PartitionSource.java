package dev.kafkarest.server.stream;

import dev.kafkarest.core.consumer.PartitionFollowers;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import java.util.concurrent.CompletableFuture;

/**
 * A stream's records from a partition, by offset, without a consumer instance: the reads of a {@link
 * PartitionFollowers.Follower}. Nothing needs keeping alive; the stream's end closes the follower, which frees
 * its place among the open ones.
 */
public final class PartitionSource implements RecordSource {
  private final PartitionFollowers.Follower follower;

  public PartitionSource(PartitionFollowers.Follower follower) {
    this.follower = follower;
  }

  @Override
  public <T> CompletableFuture<T> read(long maxBytes, RecordBatchWriter.Factory<T> writers) {
    return follower.read(maxBytes, writers);
  }

  @Override
  public void keepAlive() {
    // No instance to keep: the partition stays until the stream ends.
  }

  @Override
  public void close() {
    follower.close();
  }
}
