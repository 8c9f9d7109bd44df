package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.metrics.ProxyMetrics;
import java.util.concurrent.Executor;

/**
 * Where an instance's work runs and how it tells time.
 *
 * @param lane runs every operation on the instance's Kafka consumer, one at a time
 * @param closer runs the Kafka consumer's {@code close}, which can block for {@code fetch.max.wait.ms},
 *     off the shared lane pool
 * @param scheduler schedules the next attempt of a waiting read
 * @param ticker the clock of read deadlines, back-offs, auto-commit and keep-alive intervals
 * @param metrics told of every read's answer
 * @param arrivals wakes a waiting read when records arrive for it
 */
record InstanceRuntime(SerialLane lane, Executor closer, Scheduler scheduler, Ticker ticker, ProxyMetrics metrics,
    RecordArrivals arrivals) {

  /** A runtime that reports no metrics and whose waiting reads poll with back-off. */
  InstanceRuntime(SerialLane lane, Executor closer, Scheduler scheduler, Ticker ticker) {
    this(lane, closer, scheduler, ticker, ProxyMetrics.none(), RecordArrivals.disabled());
  }
}
