package dev.kafkarest.server.stream;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the bytes of the bodies being handed to their clients ({@link BodyPump}), over all connections: a
 * body counts whole from its start until its connection's send queue is empty or the connection is closed.
 * When a new body does not fit, the connections of the bodies whose clients stopped reading longest ago are
 * closed until it fits; a body that still does not fit is refused, and its caller writes it the blocking way.
 */
final class SlowReaderBudget {
  private final long maxBytes;
  private final Set<BodyPump> pumps = new LinkedHashSet<>();
  private long bytes;

  SlowReaderBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** {@return whether the pump fits}, after closing stalled pumps' connections if needed; then it counts */
  boolean admit(BodyPump pump) {
    while (true) {
      BodyPump victim;
      synchronized (this) {
        if (bytes + pump.size() <= maxBytes) {
          pumps.add(pump);
          bytes += pump.size();
          return true;
        }
        victim = mostStalled();
        if (victim == null) {
          return false;
        }
        release(victim);
      }
      victim.abort();
    }
  }

  /** No longer counts the pump; idempotent. */
  synchronized void release(BodyPump pump) {
    if (pumps.remove(pump)) {
      bytes -= pump.size();
    }
  }

  /** {@return the bytes counted now} */
  synchronized long bytes() {
    return bytes;
  }

  private @Nullable BodyPump mostStalled() {
    BodyPump oldest = null;
    long oldestSince = 0;
    for (BodyPump pump : pumps) {
      Long since = pump.stalledSince();
      if (since != null && (oldest == null || since - oldestSince < 0)) {
        oldest = pump;
        oldestSince = since;
      }
    }
    return oldest;
  }
}
