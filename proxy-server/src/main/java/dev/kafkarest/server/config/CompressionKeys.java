package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Keys of HTTP compression: {@code compression.enable} is Confluent's key (gzip responses, default on); the
 * minimum size is the proxy's own. See docs/operations.md#compression.
 */
public final class CompressionKeys {
  public static final String ENABLE = "compression.enable";
  public static final String MIN_BYTES = "compression.min.bytes";

  private CompressionKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Compression")
        .define(ENABLE, Type.BOOLEAN, true, null, Importance.LOW,
            "Whether responses are compressed with gzip when the client sends Accept-Encoding: gzip.")
        .define(MIN_BYTES, Type.INT, 1024, Range.atLeast(0), Importance.LOW,
            "Responses whose known length is below this many bytes are sent uncompressed; a streamed response "
                + "of unknown length is compressed.");
  }
}
