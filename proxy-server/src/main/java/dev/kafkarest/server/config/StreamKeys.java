package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of streamed reads (server-sent events and NDJSON, {@code docs/streaming.md}). */
public final class StreamKeys {
  public static final String HEARTBEAT_INTERVAL_MS = "stream.heartbeat.interval.ms";
  public static final String BATCH_MAX_BYTES = "stream.batch.max.bytes";
  public static final String PARTITIONS_MAX = "stream.partitions.max";
  public static final String PARTITIONS_POLL_MAX_MS = "stream.partitions.poll.max.ms";

  private StreamKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Streams")
        .define(HEARTBEAT_INTERVAL_MS, Type.INT, 15_000, Range.between(10, 3_600_000), Importance.LOW,
            "A stream that has sent nothing for this long sends a comment (SSE) or an empty line (NDJSON), so idle "
                + "connections survive load balancers.")
        .define(BATCH_MAX_BYTES, Type.INT, 1024 * 1024, Range.between(1024, 64 * 1024 * 1024), Importance.LOW,
            "Most key and value bytes one stream takes from its instance per read; with the socket's own send queue, "
                + "the bound on what a stream holds for a slow reader (the first record is taken whatever its size).")
        .define(PARTITIONS_MAX, Type.INT, 50, Range.between(0, 100_000), Importance.LOW,
            "Streams by offset (GET /topics/{t}/partitions/{p}/records as a stream, no consumer instance) open at "
                + "once; more are refused with 429.")
        .define(PARTITIONS_POLL_MAX_MS, Type.INT, 500, Range.between(10, 60_000), Importance.LOW,
            "Without the arrival watch (consumer.wake.on.arrival=false): the longest pause of a stream by offset "
                + "between two looks at its partition while it has no new records (doubling from 10 ms); no pooled "
                + "consumer is held during the pause. With the watch, an idle stream is woken when a record arrives.");
  }
}
