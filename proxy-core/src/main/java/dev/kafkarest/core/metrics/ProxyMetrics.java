package dev.kafkarest.core.metrics;

/**
 * Receives what the core services count: produced records, and the life and reads of consumer instances
 * (with the reads waiting for records).
 *
 * <p>Each method is called once per produce response, read response or instance event, never once per
 * record, from whatever thread finished the work (a producer I/O thread, a consumer lane, the consumer
 * timer). Implementations must be thread-safe, cheap, and must not throw or block. Every method does
 * nothing by default; {@link #none()} is the implementation that ignores everything.
 */
public interface ProxyMetrics {

  /** Why a consumer instance went away. */
  enum Removal {
    /** A client deleted it. */
    DELETED,
    /** It was idle for {@code consumer.instance.timeout.ms}. */
    EXPIRED,
    /** The proxy closed it while shutting down. */
    SHUTDOWN
  }

  /** {@return metrics that ignore everything} */
  static ProxyMetrics none() {
    return NoMetrics.INSTANCE;
  }

  /**
   * One produce request's records were all answered.
   *
   * @param written records Kafka acknowledged
   * @param failed records that failed (each has its own error in the response)
   * @param bytes bytes of the keys and values of all the request's records
   */
  default void produced(int written, int failed, long bytes) {}

  /** A consumer instance was created. */
  default void consumerCreated() {}

  /** A consumer instance was removed from the registry. */
  default void consumerRemoved(Removal removal) {}

  /**
   * A read answered.
   *
   * @param records records in the answer (possibly none)
   * @param bytes bytes of their keys and values
   */
  default void consumerRead(int records, long bytes) {}

  /** A read began: it waits (a long poll) until {@link #readEnded()}. */
  default void readStarted() {}

  /** A read that {@linkplain #readStarted() began} was answered or failed. */
  default void readEnded() {}
}

/** The metrics that ignore everything. */
enum NoMetrics implements ProxyMetrics {
  INSTANCE
}
