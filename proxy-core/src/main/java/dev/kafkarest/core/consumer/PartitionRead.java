package dev.kafkarest.core.consumer;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import org.apache.kafka.common.TopicPartition;

/**
 * One stateless read of a partition: from {@code offset}, at most {@code count} records and about {@code
 * maxBytes} of keys and values (the first record is taken whatever its size), waiting up to {@code
 * timeoutMs} for the first record when {@code offset} is the end of the partition.
 *
 * @param offset where to start: an offset, or {@link #EARLIEST} / {@link #LATEST}
 * @param maxBytes the caller's cap when positive, always capped by the reader's own
 * @param timeoutMs the caller's wait when positive, capped by the reader's maximum; 0 or less: no wait
 */
public record PartitionRead(String topic, int partition, long offset, int count, long maxBytes, long timeoutMs) {
  /** The first offset still in the partition. */
  public static final long EARLIEST = -2;
  /** The end of the partition: the offset the next record will get. */
  public static final long LATEST = -1;

  /**
   * @throws ProxyException 400 for a count below 1 or an offset below {@link #EARLIEST}
   */
  public PartitionRead {
    if (count < 1) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "count must be at least 1, not " + count + ".");
    }
    if (offset < EARLIEST) {
      throw new ProxyException(ErrorCode.BAD_REQUEST,
          "offset must be an offset (0 or more), -2 (earliest) or -1 (latest), not " + offset + ".");
    }
  }

  /**
   * Parses an offset as clients write it: a number, {@code earliest}/{@code beginning} or {@code
   * latest}/{@code end}.
   *
   * @throws ProxyException 400 when it is none of these
   */
  public static long parseOffset(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "earliest", "beginning", "smallest" -> EARLIEST;
      case "latest", "end", "largest" -> LATEST;
      default -> {
        try {
          yield Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
          throw new ProxyException(ErrorCode.BAD_REQUEST,
              "offset must be a number, earliest or latest, not '" + text + "'.");
        }
      }
    };
  }

  TopicPartition topicPartition() {
    return new TopicPartition(topic, partition);
  }
}
