package dev.kafkarest.server.config;

import org.apache.kafka.common.config.AbstractConfig;

/**
 * Response compression ({@link CompressionKeys}).
 *
 * @param enabled whether responses are gzipped for clients that accept it
 * @param minBytes the smallest known body length that is compressed
 */
public record CompressionSettings(boolean enabled, int minBytes) {
  static CompressionSettings from(AbstractConfig config) {
    return new CompressionSettings(config.getBoolean(CompressionKeys.ENABLE), config.getInt(CompressionKeys.MIN_BYTES));
  }
}
