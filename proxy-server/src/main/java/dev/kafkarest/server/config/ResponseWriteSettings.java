package dev.kafkarest.server.config;

import org.apache.kafka.common.config.AbstractConfig;

/**
 * Large in-memory response bodies written without holding a thread ({@link ResponseWriteKeys}).
 *
 * @param asyncMinBytes the smallest records body handed to the connection as the client reads it
 * @param asyncMaxBytes the most bytes of such bodies in flight at once; 0 for an eighth of the heap
 */
public record ResponseWriteSettings(int asyncMinBytes, long asyncMaxBytes) {
  static final int DEFAULT_ASYNC_MIN_BYTES = 1024 * 1024;

  /** {@return the defaults} */
  public static ResponseWriteSettings defaults() {
    return new ResponseWriteSettings(DEFAULT_ASYNC_MIN_BYTES, 0);
  }

  /** {@return the budget in bytes: the setting, or an eighth of the JVM's maximum heap} */
  public long effectiveAsyncMaxBytes() {
    return asyncMaxBytes > 0 ? asyncMaxBytes : Math.max(1, Runtime.getRuntime().maxMemory() / 8);
  }

  static ResponseWriteSettings from(AbstractConfig config) {
    return new ResponseWriteSettings(config.getInt(ResponseWriteKeys.ASYNC_MIN_BYTES),
        config.getLong(ResponseWriteKeys.ASYNC_MAX_BYTES));
  }
}
