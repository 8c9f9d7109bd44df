package dev.kafkarest.server.v2;

import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.NotFoundException;

/** Parses path parameters the way Confluent answers them. */
final class PathParams {
  private PathParams() {}

  /**
   * Returns a partition id from the path. A non-integer is 404/404 (JAX-RS's answer in Confluent); a
   * negative id names no partition, so it is 404/40402.
   */
  static int partition(String topic, String value) {
    int partition;
    try {
      partition = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new NotFoundException("HTTP 404 Not Found");
    }
    if (partition < 0) {
      throw ProxyException.partitionNotFound(topic, partition);
    }
    return partition;
  }
}
