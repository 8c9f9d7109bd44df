package dev.kafkarest.core.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Metrics that remember every call, as text such as {@code produced 2 1 30}, in order. */
public final class RecordingMetrics implements ProxyMetrics {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  /** {@return every call so far} */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void produced(int written, int failed, long bytes) {
    calls.add("produced " + written + " " + failed + " " + bytes);
  }

  @Override
  public void consumerCreated() {
    calls.add("created");
  }

  @Override
  public void consumerRemoved(Removal removal) {
    calls.add("removed " + removal);
  }

  @Override
  public void consumerRead(int records, long bytes) {
    calls.add("read " + records + " " + bytes);
  }

  @Override
  public void readStarted() {
    calls.add("read started");
  }

  @Override
  public void readEnded() {
    calls.add("read ended");
  }
}
