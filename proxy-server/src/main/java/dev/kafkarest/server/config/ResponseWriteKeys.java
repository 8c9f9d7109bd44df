package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Keys of large in-memory response bodies written without holding a thread ({@code docs/reliability.md},
 * "Clients that stop reading a response").
 */
public final class ResponseWriteKeys {
  public static final String ASYNC_MIN_BYTES = "http.write.async.min.bytes";
  public static final String ASYNC_MAX_BYTES = "http.write.async.max.bytes";

  private ResponseWriteKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Response writes")
        .define(ASYNC_MIN_BYTES, Type.INT, ResponseWriteSettings.DEFAULT_ASYNC_MIN_BYTES,
            Range.between(0, Integer.MAX_VALUE), Importance.LOW,
            "A records body at least this large is handed to the connection chunk by chunk as the client reads it, "
                + "with no thread waiting for a slow client; a smaller one is written at once.")
        .define(ASYNC_MAX_BYTES, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
            "Most bytes of such bodies in flight at once, over all connections. Past it, the oldest body whose "
                + "client is not reading has its connection closed; if that is not enough, the new body is written "
                + "the blocking way (a thread waits up to http.write.timeout.ms). 0: an eighth of the JVM's maximum "
                + "heap.");
  }
}
