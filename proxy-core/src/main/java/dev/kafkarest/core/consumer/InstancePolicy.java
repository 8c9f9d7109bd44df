package dev.kafkarest.core.consumer;

import java.time.Duration;

/**
 * How an instance reads and commits, already resolved from its creation request and the proxy's defaults.
 *
 * @param limits bounds of every read
 * @param autoCommit whether the proxy commits what reads returned: every {@code autoCommitInterval} while
 *     the client reads, on rebalance, before a new assignment or subscription replaces the old one, and on
 *     close
 * @param keepAliveInterval how long a subscribed instance may go without polling before a keep-alive poll
 */
record InstancePolicy(ReadLimits limits, boolean autoCommit, Duration autoCommitInterval, Duration keepAliveInterval) {

  /**
   * Bounds of one read.
   *
   * @param requestTimeoutNanos the longest a read waits for records; a client's shorter {@code timeout} wins
   * @param requestMaxBytes cap on a response's key and value bytes; a client's smaller {@code max_bytes} wins
   * @param fetchMinBytes bytes a read collects before it answers early; -1 answers at the first record
   * @param maxBackoffNanos the longest pause between two attempts of a waiting read
   */
  record ReadLimits(long requestTimeoutNanos, long requestMaxBytes, int fetchMinBytes, long maxBackoffNanos) {}
}
