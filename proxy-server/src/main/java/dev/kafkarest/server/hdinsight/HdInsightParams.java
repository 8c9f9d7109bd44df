package dev.kafkarest.server.hdinsight;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;

/** Parses HDInsight's path parameters, with a clear error naming the parameter. */
final class HdInsightParams {
  private HdInsightParams() {}

  /** {@return a partition id}; not a whole number or negative: 404/40402 */
  static int partition(String topic, String value) {
    try {
      int partition = Integer.parseInt(value.trim());
      if (partition >= 0) {
        return partition;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProxyException(ErrorCode.PARTITION_NOT_FOUND,
        "Partition '" + value + "' of topic " + topic + " does not exist: a partition is a whole number from 0.");
  }
}
