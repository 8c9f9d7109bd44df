package dev.kafkarest.core.consumer;

import java.util.HashSet;
import java.util.Set;

/** What {@link RecordArrivals} keeps of one partition it watches; guarded by the watch's lock. */
final class WatchedPartition {
  /** An offset below which records are known to exist. */
  long known;
  /** Whether the watching consumer must seek to {@link #known} before its next fetch. */
  boolean seek;
  /** Whether the watching consumer was told to fetch nothing of it (no read waited). */
  boolean paused;
  /** Ticker time a read last waited on it. */
  long lastWaited;
  /** The reads waiting on it. */
  final Set<RecordArrivals.Waiting> waiting = new HashSet<>();

  WatchedPartition(long known) {
    this.known = known;
  }
}
