package dev.kafkarest.server.stream;

import java.util.function.LongSupplier;

/**
 * When a stream's client last took something: a write that went through, or its connection's send queue
 * shorter than at the last look. A client that reads slowly, while the queue stays over Grizzly's limit, is
 * making progress; one that reads nothing is not. Used by one step of its stream at a time.
 */
final class WriteProgress {
  private final LongSupplier queuedBytes;
  private long lastProgress;
  private long lastQueued;

  /**
   * @param queuedBytes bytes in the connection's send queue (0 where the container does not tell)
   * @param now ticker time of the start, which counts as progress
   */
  WriteProgress(LongSupplier queuedBytes, long now) {
    this.queuedBytes = queuedBytes;
    wrote(now);
  }

  /** A write went through at {@code now}. */
  void wrote(long now) {
    lastProgress = now;
    lastQueued = queuedBytes.getAsLong();
  }

  /** {@return how long the client has taken nothing}, after looking at the send queue {@code now} */
  long stalledFor(long now) {
    long queued = queuedBytes.getAsLong();
    if (queued < lastQueued) {
      lastProgress = now;
    }
    lastQueued = queued;
    return now - lastProgress;
  }
}
