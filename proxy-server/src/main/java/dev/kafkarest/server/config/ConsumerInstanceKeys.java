package dev.kafkarest.server.config;

import dev.kafkarest.core.consumer.InstanceSettings;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;

/**
 * Keys of the proxy's consumer instances. Most share the {@code consumer.} prefix with the Kafka consumer's
 * pass-through properties ({@link ClientSettings}); these are the proxy's own and are not passed through.
 */
public final class ConsumerInstanceKeys {
  public static final String REQUEST_TIMEOUT_MS = "consumer.request.timeout.ms";
  public static final String REQUEST_MAX_BYTES = "consumer.request.max.bytes";
  public static final String INSTANCE_TIMEOUT_MS = "consumer.instance.timeout.ms";
  public static final String ITERATOR_BACKOFF_MS = "consumer.iterator.backoff.ms";
  public static final String KEEPALIVE_INTERVAL_MS = "consumer.keepalive.interval.ms";
  public static final String THREADS = "consumer.threads";
  public static final String INSTANCES_MAX = "consumer.instances.max";
  public static final String PENDING_OPERATIONS_MAX = "consumer.pending.operations.max";
  public static final String FETCH_MIN_BYTES = "fetch.min.bytes";
  public static final String WAKE_ON_ARRIVAL = "consumer.wake.on.arrival";

  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final int DEFAULT_THREADS = Math.max(16, 4 * CORES);
  /** 1 to 1024, or -1: Confluent's "unbounded", which a bounded pool reads as the default. */
  private static final Validator THREADS_RANGE = (key, value) -> {
    if (!Integer.valueOf(-1).equals(value)) {
      Range.between(1, 1024).ensureValid(key, value);
    }
  };

  private ConsumerInstanceKeys() {}

  /** {@return the consumer threads configured, with -1 read as the default} */
  static int threads(int configured) {
    return configured == -1 ? DEFAULT_THREADS : configured;
  }

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Consumer instances")
        .define(REQUEST_TIMEOUT_MS, Type.INT, 1_000, Range.between(0, 600_000), Importance.MEDIUM,
            "Longest a records request waits for data (a smaller per-request timeout wins).")
        .define(REQUEST_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, Range.between(1, Integer.MAX_VALUE),
            Importance.LOW, "Cap on the bytes of one records response (a smaller max_bytes wins).")
        .define(INSTANCE_TIMEOUT_MS, Type.INT, 300_000, Range.between(1_000, Integer.MAX_VALUE),
            Importance.MEDIUM, "Idle time after which a consumer instance is closed.")
        .define(ITERATOR_BACKOFF_MS, Type.INT, 50, Range.between(1, 10_000), Importance.LOW,
            "Longest pause between two polls of a waiting records request (the pause grows from 1 ms).")
        .define(KEEPALIVE_INTERVAL_MS, Type.INT, 1_000, Range.between(100, 60_000), Importance.LOW,
            "How often an idle instance that has joined its group (at its first read) polls, without fetching, "
                + "to stay in it.")
        .define(THREADS, Type.INT, DEFAULT_THREADS, THREADS_RANGE, Importance.LOW,
            "Threads shared by all consumer instances; waiting reads hold none. Half as many (at least 2) threads "
                + "close the consumers of deleted and expired instances. -1 (Confluent's 'unbounded') means the "
                + "default.")
        .define(INSTANCES_MAX, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.MEDIUM,
            "Most consumer instances this node holds; more get 429.")
        .define(PENDING_OPERATIONS_MAX, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
            "Most operations queued on one consumer instance; more get 429.")
        .define(FETCH_MIN_BYTES, Type.INT, -1, Range.between(-1, InstanceSettings.FETCH_MIN_BYTES_MAX), Importance.LOW,
            "Bytes a records request collects before answering; -1 answers as soon as there is a record.")
        .define(WAKE_ON_ARRIVAL, Type.BOOLEAN, true, null, Importance.LOW,
            "Whether a waiting records request is woken when records arrive (one watching consumer per node); "
                + "false makes it poll with the back-off of " + ITERATOR_BACKOFF_MS + " instead.");
  }
}
