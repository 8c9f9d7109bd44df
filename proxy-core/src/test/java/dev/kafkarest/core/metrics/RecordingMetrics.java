package dev.kafkarest.core.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Metrics that remember every call, as text such as {@code produced 2 1 30}, in order. */
public final class RecordingMetrics implements ProxyMetrics {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final boolean perTopic;

  /** Metrics that do not ask for counts per topic. */
  public RecordingMetrics() {
    this(false);
  }

  /** Metrics that ask for counts per topic when {@code perTopic}. */
  public RecordingMetrics(boolean perTopic) {
    this.perTopic = perTopic;
  }

  /** {@return every call so far} */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void produced(int written, int failed, long bytes) {
    calls.add("produced " + written + " " + failed + " " + bytes);
  }

  /** Records {@code produced <topic> ...} when per topic, else as {@link #produced(int, int, long)}. */
  @Override
  public void produced(String topic, int written, int failed, long bytes) {
    if (perTopic) {
      calls.add("produced " + topic + " " + written + " " + failed + " " + bytes);
    } else {
      produced(written, failed, bytes);
    }
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
  public boolean perTopic() {
    return perTopic;
  }

  @Override
  public void consumerRead(String topic, int records, long bytes) {
    calls.add("read " + topic + " " + records + " " + bytes);
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
