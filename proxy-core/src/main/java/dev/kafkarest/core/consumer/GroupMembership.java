package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether an instance is in its group and when its client last read: the state the keep-alive timer reads
 * from its own thread, so unlike the rest of an instance it is not confined to the lane. Membership is
 * written on the lane; activity by reads starting and ending, and by the keep-alive check.
 */
final class GroupMembership {
  private final Ticker ticker;
  private final long keepAliveNanos;
  private final AtomicInteger readsInFlight = new AtomicInteger();
  private volatile boolean subscribed;
  /** Whether a read has polled since the instance subscribed, so that it is a member of its group. */
  private volatile boolean joined;
  /** Ticker reading of the last read starting or ending, or of the last keep-alive poll. */
  private volatile long lastActivity;
  /** Ticker reading of the consumer's last poll, a read's or a keep-alive's. */
  @LaneConfined private long lastPoll;

  GroupMembership(Ticker ticker, long keepAliveNanos) {
    this.ticker = ticker;
    this.keepAliveNanos = keepAliveNanos;
    this.lastActivity = ticker.read();
    this.lastPoll = lastActivity - keepAliveNanos;
  }

  /** A new subscription: the instance joins its group at its next read. */
  @LaneConfined
  void subscribed() {
    subscribed = true;
    joined = false;
  }

  @LaneConfined
  void unsubscribed() {
    subscribed = false;
    joined = false;
  }

  /** The consumer polled (for a read, or to keep alive): a subscribed instance is now a member of its group. */
  @LaneConfined
  void polled() {
    joined = subscribed;
    lastPoll = ticker.read();
  }

  /**
   * {@return whether the consumer polled within the keep-alive interval}: it answered its group (rebalances,
   * {@code max.poll.interval.ms}) as lately as the keep-alive would have, so a poll for those duties alone can wait
   */
  @LaneConfined
  boolean polledWithinKeepAlive() {
    return ticker.read() - lastPoll < keepAliveNanos;
  }

  boolean isSubscribed() {
    return subscribed;
  }

  boolean isJoined() {
    return joined;
  }

  void readStarted() {
    readsInFlight.incrementAndGet();
    markActive();
  }

  void readEnded() {
    readsInFlight.decrementAndGet();
    markActive();
  }

  /**
   * {@return whether a keep-alive poll is due: the instance is in its group, no read is in flight and none
   *     started or ended for the keep-alive interval}; when it is, the poll counts as activity from now
   */
  boolean takeKeepAlive() {
    if (!joined || readsInFlight.get() > 0 || ticker.read() - lastActivity < keepAliveNanos) {
      return false;
    }
    markActive();
    return true;
  }

  private void markActive() {
    lastActivity = ticker.read();
  }
}
