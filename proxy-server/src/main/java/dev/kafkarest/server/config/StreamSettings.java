package dev.kafkarest.server.config;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * Streamed reads ({@link StreamKeys}).
 *
 * @param heartbeatInterval the longest a stream stays silent: past it a heartbeat is written
 * @param batchMaxBytes the most key and value bytes one read of a stream takes
 * @param partitionsMax the most streams by offset (without a consumer instance) open at once
 * @param partitionsPollMax the longest pause of a stream by offset between two looks at an idle partition
 */
public record StreamSettings(Duration heartbeatInterval, long batchMaxBytes, int partitionsMax,
    Duration partitionsPollMax) {

  static StreamSettings from(AbstractConfig config) {
    return new StreamSettings(Duration.ofMillis(config.getInt(StreamKeys.HEARTBEAT_INTERVAL_MS)),
        config.getInt(StreamKeys.BATCH_MAX_BYTES), config.getInt(StreamKeys.PARTITIONS_MAX),
        Duration.ofMillis(config.getInt(StreamKeys.PARTITIONS_POLL_MAX_MS)));
  }
}
