package dev.kafkarest.it.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Closed-loop binary produce load: {@code workers} threads each send requests of {@link #RECORDS_PER_REQUEST}
 * records, every value a unique id, each request on its own connection ({@link OneShotHttp}). It keeps the
 * ids that were acknowledged with an offset (and where), the ids sent, and the failures by kind.
 */
final class ProduceLoad implements AutoCloseable {
  static final int RECORDS_PER_REQUEST = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topic;
  private final IntSupplier port;
  private final String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, Boolean> sent = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong maxLatencyNanos = new AtomicLong();
  private final AtomicLong lastAckNanos = new AtomicLong();

  private ProduceLoad(String topic, IntSupplier port) {
    this.topic = topic;
    this.port = port;
  }

  /**
   * Starts the load.
   *
   * @param port the proxy's port, asked before every request (a restarted proxy may listen elsewhere)
   */
  static ProduceLoad start(String topic, int workers, IntSupplier port) {
    ProduceLoad load = new ProduceLoad(topic, port);
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread thread = new Thread(() -> load.run(worker), "produce-load-" + w);
      thread.setDaemon(true);
      load.threads.add(thread);
      thread.start();
    }
    return load;
  }

  private void run(int worker) {
    long seq = 0;
    while (!stopping.get()) {
      List<String> ids = new ArrayList<>(RECORDS_PER_REQUEST);
      StringBuilder body = new StringBuilder("{\"records\":[");
      for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
        String id = runId + "-" + worker + "-" + seq + "-" + i;
        ids.add(id);
        body.append(i == 0 ? "" : ",").append("{\"value\":\"")
            .append(Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8))).append("\"}");
      }
      body.append("]}");
      seq++;
      send(ids, OneShotHttp.utf8(body.toString()));
    }
  }

  private void send(List<String> ids, byte[] body) {
    long start = System.nanoTime();
    requests.incrementAndGet();
    try {
      int to = port.getAsInt();
      ids.forEach(id -> sent.put(id, Boolean.TRUE));
      OneShotHttp.Response response = OneShotHttp.exchange(to, "POST", "/topics/" + topic,
          "application/vnd.kafka.binary.v2+json", body, 30_000);
      maxLatencyNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
      if (response.status() != 200) {
        fail("HTTP " + response.status() + errorCode(response.body()));
        return;
      }
      JsonNode offsets = JSON.readTree(response.body()).get("offsets");
      for (int i = 0; i < ids.size(); i++) {
        JsonNode entry = offsets.get(i);
        if (entry.path("error_code").isNull() && entry.path("offset").isIntegralNumber()) {
          acknowledged.put(ids.get(i), entry.get("partition").intValue() + ":" + entry.get("offset").longValue());
          lastAckNanos.set(System.nanoTime());
        } else {
          fail("200 with per-record " + entry.path("error_code").asText());
        }
      }
    } catch (ConnectException e) {
      ids.forEach(sent::remove);
      fail("connection refused (not sent)");
      pause();
    } catch (SocketTimeoutException e) {
      fail("no answer within 30 s");
    } catch (IOException e) {
      fail("connection closed in flight");
      pause();
    }
  }

  private static String errorCode(String body) {
    try {
      return "/" + JSON.readTree(body).path("error_code").asText();
    } catch (IOException e) {
      return " (not JSON)";
    }
  }

  private void fail(String kind) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** Keeps a loop that meets a closed port from spinning. */
  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@return the number of ids acknowledged so far} */
  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** {@return when the last acknowledgement arrived, as {@link System#nanoTime()}} */
  long lastAckNanos() {
    return lastAckNanos.get();
  }

  /** Stops the workers and waits for their requests in flight. */
  @Override
  public void close() {
    stopping.set(true);
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(40));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * {@return the accounting of this load against the values read back from the topic}
   *
   * @param landed every record in the topic: the value (an id) and where it is, as {@code partition:offset}
   */
  Accounting account(List<Map.Entry<String, String>> landed) {
    Map<String, Integer> copies = new ConcurrentHashMap<>();
    Map<String, String> where = new ConcurrentHashMap<>();
    for (Map.Entry<String, String> record : landed) {
      copies.merge(record.getKey(), 1, Integer::sum);
      where.putIfAbsent(record.getKey() + "@" + record.getValue(), "");
    }
    long lost = acknowledged.keySet().stream().filter(id -> !copies.containsKey(id)).count();
    long misplaced = acknowledged.entrySet().stream()
        .filter(e -> copies.containsKey(e.getKey()) && !where.containsKey(e.getKey() + "@" + e.getValue()))
        .count();
    long duplicated = copies.values().stream().mapToLong(n -> n - 1).sum();
    long unackedLanded = copies.keySet().stream().filter(id -> !acknowledged.containsKey(id)).count();
    long unackedSent = sent.keySet().stream().filter(id -> !acknowledged.containsKey(id)).count();
    Map<String, Long> byKind = new TreeMap<>();
    failures.forEach((kind, n) -> byKind.put(kind, n.sum()));
    return new Accounting(requests.get(), acknowledged.size(), landed.size(), lost, misplaced, duplicated,
        unackedLanded, unackedSent, byKind, TimeUnit.NANOSECONDS.toMillis(maxLatencyNanos.get()));
  }

  /**
   * What happened to the records of a load.
   *
   * @param misplaced acknowledged ids found, but not at the partition and offset the proxy answered
   * @param unackedLanded ids that were not acknowledged (failed or cut off) but are in the topic
   * @param unackedSent ids whose request reached the proxy but that were not acknowledged
   */
  record Accounting(int requests, long acknowledged, long landed, long lost, long misplaced, long duplicated,
      long unackedLanded, long unackedSent, Map<String, Long> failures, long maxLatencyMs) {

    /** {@return the figures as Markdown table cells} */
    String cells() {
      return requests + " | " + acknowledged + " | " + landed + " | " + lost + " | " + duplicated + " | "
          + unackedLanded + " of " + unackedSent + " | " + (failures.isEmpty() ? "none" : failures.toString())
          + " | " + maxLatencyMs + " ms";
    }
  }
}
