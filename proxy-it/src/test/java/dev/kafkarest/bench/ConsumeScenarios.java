package dev.kafkarest.bench;

import static dev.kafkarest.bench.Report.count;
import static dev.kafkarest.bench.Report.mb;
import static dev.kafkarest.bench.Report.mib;
import static dev.kafkarest.bench.Report.ms;
import static dev.kafkarest.bench.Report.pct;
import static dev.kafkarest.bench.Report.ratio;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** C1 consume drain, C2 consume tail latency, C3 many idle consumer instances. */
final class ConsumeScenarios {
  private static final int DRAIN_PARTITIONS = 3;
  private static final int NATIVE_WARM_DRAINS = 5;
  /**
   * The target's figure (1 MB, one GET at a time) is the median of as many warm proxy drains as the native
   * consumer's; until 2026-11-28 it was one drain, which the JIT still compiled through (14 to 32 % of a core).
   */
  private static final int PROXY_TARGET_DRAINS = NATIVE_WARM_DRAINS;
  private static final long ONE_MEGABYTE = 1024 * 1024;
  /** In {@link #COLD_THEN_MAX_BYTES}: the first drain, at 1 MB, shown but not the one compared. */
  private static final long COLD = -1;
  private static final long[] COLD_THEN_MAX_BYTES = {COLD, 64 * 1024, 1024 * 1024, 10 * 1024 * 1024};

  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Report report;

  ConsumeScenarios(BenchEnvironment env, BenchOptions options, Report report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  // ---- C1 --------------------------------------------------------------------------------------

  /** What one proxy drain read. */
  private record ProxyDrain(long records, long responses, long emptyResponses, long httpBytes, long bad,
      long duplicates, long missing, long failedRequests, @Nullable String firstFailure, double seconds,
      double scanSeconds, Histogram latency, Usage usage) {}

  void drain() throws Exception {
    String topic = "bench-c1";
    int total = options.drainRecords();
    env.createTopic(topic, DRAIN_PARTITIONS);
    BenchEnvironment.log("C1: loading " + count(total) + " records natively");
    long loadStart = System.nanoTime();
    NativeClients.load(env.bootstrapServers(), topic, total);
    long loaded = env.endOffsets(topic, DRAIN_PARTITIONS);
    BenchEnvironment.log(String.format(Locale.ROOT, "C1: loaded %s records in %.1f s", count(loaded),
        (System.nanoTime() - loadStart) / 1e9));
    if (loaded != total) {
      report.failure("C1: loaded " + loaded + " records, expected " + total);
    }

    Report.Table table = new Report.Table("client", "max_bytes", "rec/s", "MB/s", "req/s", "rec/response",
        "empty responses", "p50 ms", "p99 ms", "client scan %", "proxy CPU %", "proxy JIT CPU %", "broker CPU %", "client CPU %", "proxy RSS MiB",
        "vs native", "check");
    NativeClients.Drain cold = NativeClients.drain(env.bootstrapServers(), topic, DRAIN_PARTITIONS, total,
        options.drainTimeoutNanos(), () -> env.meter(null));
    nativeDrainRow(table, "native (cold)", cold, total, Double.NaN);
    // The native consumer's warm rate moved between 1.0 and 1.9 M records/s from one drain to the next (broker CPU
    // 30 to 75 %): the ratios use the median of several warm drains, each shown.
    List<NativeClients.Drain> warm = new ArrayList<>();
    for (int i = 0; i < NATIVE_WARM_DRAINS; i++) {
      warm.add(NativeClients.drain(env.bootstrapServers(), topic, DRAIN_PARTITIONS, total, options.drainTimeoutNanos(),
          () -> env.meter(null)));
    }
    double[] warmRates = warm.stream().mapToDouble(d -> d.records() / d.seconds()).sorted().toArray();
    double nativeRate = warmRates[warmRates.length / 2];
    for (int i = 0; i < warm.size(); i++) {
      nativeDrainRow(table, "native (warm " + (i + 1) + " of " + warm.size() + ")", warm.get(i), total, nativeRate);
    }
    BenchEnvironment.log("C1 native consumer: median " + count(nativeRate) + " rec/s of "
        + Arrays.stream(warmRates).mapToObj(Report::count).toList());

    ProxyProcess proxy = env.proxy();
    double oneMegabyteRate = Double.NaN;
    double oneMegabytePipelinedRate = Double.NaN;
    boolean oneMegabyteOk = false;
    // Like the native consumer, the proxy drains the whole topic once cold (at 1 MB) before the measured
    // drains: a tenth of it left the JIT compiling through them (half a core of compiler threads). Then a warm-up
    // of one-record GETs warms the request path, which the cold drain calls only about a hundred times.
    for (long maxBytesOrCold : COLD_THEN_MAX_BYTES) {
      boolean coldProxy = maxBytesOrCold == COLD;
      long maxBytes = coldProxy ? ONE_MEGABYTE : maxBytesOrCold;
      for (boolean pipelined : coldProxy ? new boolean[] {false} : new boolean[] {false, true}) {
        boolean targetFigure = maxBytes == ONE_MEGABYTE && !coldProxy && !pipelined;
        int drains = targetFigure ? PROXY_TARGET_DRAINS : 1;
        double[] rates = new double[drains];
        boolean allOk = true;
        for (int i = 0; i < drains; i++) {
          String client = coldProxy ? "proxy (cold)" : pipelined ? "proxy, pipelined"
              : targetFigure ? "proxy (warm " + (i + 1) + " of " + drains + ")" : "proxy";
          MeasuredDrain measured = measuredDrain(proxy, table, topic, total, maxBytes, client, !coldProxy, pipelined,
              nativeRate);
          rates[i] = measured.rate();
          allOk &= measured.ok();
        }
        if (coldProxy) {
          warmUpRequestPath(proxy, topic);
        } else if (targetFigure) {
          Arrays.sort(rates);
          oneMegabyteRate = rates[rates.length / 2];
          oneMegabyteOk = allOk;
          BenchEnvironment.log("C1 proxy max_bytes=1 MB: median " + count(oneMegabyteRate) + " rec/s of "
              + Arrays.stream(rates).mapToObj(Report::count).toList());
        } else if (maxBytes == ONE_MEGABYTE) {
          oneMegabytePipelinedRate = rates[0];
        }
      }
    }
    report.section("C1 consume drain (" + count(total) + " × 100 B loaded natively, 3 partitions, one consumer)", table,
        "Proxy: one binary instance, all partitions assigned, `GET .../records?max_bytes=M&timeout=1000` on one "
            + "keep-alive connection until every record is read; each value is decoded and checked, and every "
            + "sequence number must arrive exactly once. `proxy` sends one GET at a time; `proxy, pipelined` sends "
            + "the next GET as soon as a response is read, before scanning it, as the native consumer has its next "
            + "fetch under way while the application handles a poll's records (the last GET, sent ahead, answers "
            + "after the clock stops). After the cold drain the proxy answers " + count(options.drainWarmupCalls())
            + " one-record GETs (`max_bytes=1`) to warm its request path, then " + count(options.drainLargeWarmupCalls())
            + " GETs at 1 MB (not scanned) to warm its large-answer path; before each measured drain the benchmark waits until the proxy's JIT compiler "
            + "has settled (compiler threads under " + pct(100 * BenchOptions.JIT_SETTLED_SHARE) + " % of a core "
            + "over 2 s, at most `bench.c1.settle` s); `proxy JIT CPU %` is what it still compiled during the drain, "
            + "included in `proxy CPU %`. rec/response is the mean records per response; p50/p99 are "
            + "per GET (from sending it); an empty response is one that reached its timeout without a record. Native: "
            + "one kafka-clients consumer with default fetch settings, `poll(500 ms)` until done; the "
            + "cold run is the first in this JVM; `vs native` uses the median of the " + NATIVE_WARM_DRAINS + " warm "
            + "runs that follow it (one warm run moved between 1.0 and 1.9 M records/s from one to the next). The "
            + "target's figure is treated alike: `proxy (warm i of " + PROXY_TARGET_DRAINS + ")` are as many "
            + "drains at 1 MB one GET at a time, each after the JIT settled, and the target uses their median.");
    boolean met = oneMegabyteOk && oneMegabyteRate >= 0.5 * nativeRate;
    report.target("C1", "C1 drain at max_bytes=1 MB: proxy rec/s vs native consumer", "≥ 50 % of native",
        String.format(Locale.ROOT, "%s rec/s = %s of %s (pipelined GETs: %s rec/s = %s)", count(oneMegabyteRate),
            ratio(oneMegabyteRate / nativeRate), count(nativeRate), count(oneMegabytePipelinedRate),
            ratio(oneMegabytePipelinedRate / nativeRate)), met);
  }

  /** One proxy drain's rate and whether every record arrived once and intact. */
  private record MeasuredDrain(double rate, boolean ok) {}

  /**
   * Drains the topic once through the proxy, after the JIT has settled when {@code settleFirst}, and adds its row
   * to the table.
   */
  private MeasuredDrain measuredDrain(ProxyProcess proxy, Report.Table table, String topic, int total, long maxBytes,
      String client, boolean settleFirst, boolean pipelined, double nativeRate) throws Exception {
    if (settleFirst) {
      awaitJitSettled(proxy, "C1 " + client + " max_bytes=" + human(maxBytes));
    }
    long jitBefore = proxy.stats().compilerCpuNanos();
    ProxyDrain d = proxyDrain(proxy, topic, total, total, maxBytes, true, pipelined);
    double jitShare = (proxy.stats().compilerCpuNanos() - jitBefore) / (d.seconds() * 1e9);
    double rate = d.records() / d.seconds();
    String check = drainCheck("C1 " + client + " max_bytes=" + maxBytes, d.records(), d.bad(), d.duplicates(),
        d.missing(), d.failedRequests(), d.firstFailure(), total);
    double perResponse = d.responses() == 0 ? 0 : (double) d.records() / d.responses();
    table.row(client, human(maxBytes), count(rate), mb(rate * Payloads.VALUE_SIZE), count(d.responses() / d.seconds()),
        count(perResponse), d.emptyResponses(), ms(d.latency(), 50), ms(d.latency(), 99),
        pct(100 * d.scanSeconds() / d.seconds()), pct(d.usage().proxyCpu()), pct(100 * jitShare),
        pct(d.usage().brokerCpu()), pct(d.usage().clientCpu()), mib(d.usage().proxyRss()), ratio(rate / nativeRate),
        check);
    BenchEnvironment.log(String.format(Locale.ROOT,
        "C1 %s max_bytes=%s: %s rec/s, %s rec/response, p50 %s / p90 %s / p99 %s ms, mean %.1f ms, client scan "
            + "%.0f %% of the time, proxy JIT %s %% of a core",
        client, human(maxBytes), count(rate), count(perResponse), ms(d.latency(), 50), ms(d.latency(), 90),
        ms(d.latency(), 99), d.latency().getMean() / 1000, 100 * d.scanSeconds() / d.seconds(), pct(100 * jitShare)));
    return new MeasuredDrain(rate, check.equals("ok"));
  }

  /**
   * Warms the proxy's request path as its per-record path is warmed by the cold drain: {@link
   * BenchOptions#drainWarmupCalls} GETs of one record each (max_bytes=1), one at a time, from an instance of its
   * own. Without it the measured drains ran while the JIT compiled request-path methods of 0.1 to 0.6 s each (JFR),
   * half a core on this machine. Then {@link BenchOptions#drainLargeWarmupCalls} GETs at 1 MB warm the path of
   * answers too large to be written at once, which one-record answers never take.
   */
  private void warmUpRequestPath(ProxyProcess proxy, String topic) throws IOException {
    String group = "bench-c1-warmup-" + System.nanoTime();
    String name = "warmup";
    int calls = options.drainWarmupCalls();
    int failed = 0;
    long start = System.nanoTime();
    try (RestClient rest = new RestClient(proxy)) {
      rest.createBinaryInstance(group, name);
      rest.assign(group, name, topic, DRAIN_PARTITIONS);
      byte[] request = RestClient.recordsRequest(proxy, group, name, 1, 1000);
      HttpConnection connection = rest.connection();
      for (int i = 0; i < calls; i++) {
        if (connection.exchange(request) != 200) {
          failed++;
        }
      }
      rest.delete(group, name);
    }
    BenchEnvironment.log(String.format(Locale.ROOT, "C1: request path warmed with %s one-record GETs in %.1f s",
        count(calls), (System.nanoTime() - start) / 1e9));
    int large = options.drainLargeWarmupCalls();
    start = System.nanoTime();
    failed += warmUpLargeAnswers(proxy, topic, large);
    BenchEnvironment.log(String.format(Locale.ROOT, "C1: large answers warmed with %s GETs at 1 MB in %.1f s",
        count(large), (System.nanoTime() - start) / 1e9));
    if (failed > 0) {
      report.failure("C1 warm-up: " + failed + " GETs failed");
    }
  }

  /**
   * Answers {@code calls} GETs at max_bytes=1 MB, unread beyond their bytes, from a new instance whenever the last
   * one has read the whole topic; {@return how many failed}
   */
  private static int warmUpLargeAnswers(ProxyProcess proxy, String topic, int calls) throws IOException {
    int failed = 0;
    int done = 0;
    try (RestClient rest = new RestClient(proxy)) {
      HttpConnection connection = rest.connection();
      while (done < calls) {
        String group = "bench-c1-warmup-large-" + System.nanoTime();
        String name = "warmup";
        rest.createBinaryInstance(group, name);
        rest.assign(group, name, topic, DRAIN_PARTITIONS);
        byte[] request = RestClient.recordsRequest(proxy, group, name, ONE_MEGABYTE, 1000);
        // Until an answer is small: the instance has read (nearly) the whole topic.
        int length = Integer.MAX_VALUE;
        while (done < calls && length > ONE_MEGABYTE / 2) {
          if (connection.exchange(request) != 200) {
            failed++;
          }
          length = connection.bodyLength();
          done++;
        }
        rest.delete(group, name);
      }
    }
    return failed;
  }

  /**
   * Waits until the proxy's JIT compiler has settled ({@link JitWatch}), at most {@link
   * BenchOptions#drainSettleNanos}, and logs how long that took.
   */
  private void awaitJitSettled(ProxyProcess proxy, String what) {
    JitWatch jit = new JitWatch(proxy.stats()::compilerCpuNanos, BenchOptions.JIT_SETTLED_SHARE);
    long start = System.nanoTime();
    jit.settled(start);
    while (true) {
      ProxyProcess.sleep(250);
      long now = System.nanoTime();
      boolean settled = jit.settled(now);
      if (settled || now - start >= options.drainSettleNanos()) {
        BenchEnvironment.log(String.format(Locale.ROOT, "%s: JIT %s after %.0f s (compiler threads %s %% of a core)",
            what, settled ? "settled" : "not settled", (now - start) / 1e9, pct(jit.lastShare() * 100)));
        return;
      }
    }
  }

  private void nativeDrainRow(Report.Table table, String label, NativeClients.Drain d, int total, double nativeRate) {
    double rate = d.records() / d.seconds();
    String check = drainCheck("C1 " + label, d.records(), d.badRecords(), d.duplicates(), d.missing(), 0, null, total);
    table.row(label, "—", count(rate), mb(rate * Payloads.VALUE_SIZE), "—", "—", "—", "—", "—", "—", "—", "—",
        pct(d.usage().brokerCpu()), pct(d.usage().clientCpu()), "—", ratio(rate / nativeRate), check);
  }

  private String drainCheck(String cell, long records, long bad, long duplicates, long missing, long failed,
      @Nullable String firstFailure, int total) {
    StringBuilder problems = new StringBuilder();
    if (records != total || missing != 0) {
      problems.append("read ").append(records).append(" of ").append(total).append(" (").append(missing)
          .append(" missing); ");
    }
    if (bad > 0) {
      problems.append(bad).append(" records with unexpected contents; ");
    }
    if (duplicates > 0) {
      problems.append(duplicates).append(" duplicates; ");
    }
    if (failed > 0) {
      problems.append(failed).append(" failed requests (").append(firstFailure).append("); ");
    }
    if (problems.length() == 0) {
      return "ok";
    }
    report.failure(cell + ": " + problems);
    return "FAIL";
  }

  /**
   * Drains the topic through one instance on one connection.
   *
   * @param pipelined send the next GET as soon as a response is read, before scanning it (HTTP/1.1 pipelining),
   *     as the native consumer has its next fetch under way while the application handles the records of the
   *     last poll; else one GET at a time
   */
  private ProxyDrain proxyDrain(ProxyProcess proxy, String topic, int total, int limit, long maxBytes, boolean verify,
      boolean pipelined) throws Exception {
    String group = "bench-c1-" + maxBytes + "-" + System.nanoTime();
    String name = "drain";
    SequenceCheck sink = new SequenceCheck(total);
    Histogram latency = LoadRun.histogram();
    long responses = 0;
    long empty = 0;
    long httpBytes = 0;
    long scanNanos = 0;
    long failed = 0;
    String firstFailure = null;
    try (RestClient rest = new RestClient(proxy)) {
      rest.createBinaryInstance(group, name);
      rest.assign(group, name, topic, DRAIN_PARTITIONS);
      byte[] request = RestClient.recordsRequest(proxy, group, name, maxBytes, 1000);
      HttpConnection connection = rest.connection();
      Usage.Meter meter = env.meter(proxy);
      long start = System.nanoTime();
      long deadline = start + options.drainTimeoutNanos();
      boolean inFlight = false;
      long sentAt = 0;
      while (sink.records() < limit && System.nanoTime() < deadline && failed < 10) {
        int status;
        try {
          if (!inFlight) {
            sentAt = System.nanoTime();
            connection.send(request);
          }
          inFlight = false;
          status = connection.receive();
        } catch (java.io.IOException e) {
          failed++;
          firstFailure = firstFailure == null ? e.toString() : firstFailure;
          continue;
        }
        long t1 = System.nanoTime();
        if (status != 200) {
          failed++;
          firstFailure = firstFailure == null ? "HTTP " + status + ": " + ProduceScenarios.abbreviate(connection.bodyString())
              : firstFailure;
          continue;
        }
        latency.recordValue(Math.max(1, (t1 - sentAt) / 1000));
        if (pipelined) {
          // The body just read stays in the connection's buffer until the next receive.
          sentAt = System.nanoTime();
          try {
            connection.send(request);
            inFlight = true;
          } catch (java.io.IOException e) {
            failed++;
            firstFailure = firstFailure == null ? e.toString() : firstFailure;
          }
        }
        responses++;
        httpBytes += connection.bodyLength();
        if (Payloads.scanBinaryRecords(connection.body(), connection.bodyLength(), sink) == 0) {
          empty++;
        }
        scanNanos += System.nanoTime() - t1;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Usage usage = meter.end();
      if (inFlight) {
        // The GET sent ahead of the last scan: nothing is left, so it answers [] at its timeout, after the clock.
        connection.receive();
      }
      rest.delete(group, name);
      return new ProxyDrain(sink.records(), responses, empty, httpBytes, sink.bad(), sink.duplicates(),
          verify ? sink.missing() : 0, failed, firstFailure, seconds, scanNanos / 1e9, latency, usage);
    }
  }

  static String human(long bytes) {
    return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
  }

  // ---- C2 --------------------------------------------------------------------------------------

  /** One tail reader's findings. */
  private static final class Tail {
    final Histogram latency = new SynchronizedHistogram(1, TimeUnit.SECONDS.toMicros(300), 3);
    final BitSet seen = new BitSet();
    final AtomicLong records = new AtomicLong();
    long polls;
    long emptyPolls;
    long duplicates;
    long bad;
    long failed;
    @Nullable String firstFailure;

    synchronized void record(byte[] value, int length, long receivedNanos) {
      records.incrementAndGet();
      if (length != Payloads.VALUE_SIZE) {
        bad++;
        return;
      }
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(value, 0, length);
      long sent = buffer.getLong(0);
      long seq = buffer.getLong(8);
      if (seq < 0 || seq > Integer.MAX_VALUE || value[16] != Payloads.filler(seq, 16)) {
        bad++;
        return;
      }
      if (seen.get((int) seq)) {
        duplicates++;
        return;
      }
      seen.set((int) seq);
      latency.recordValue(Math.max(1, (receivedNanos - sent) / 1000));
    }
  }

  void tail() throws Exception {
    String topic = "bench-c2";
    env.createTopic(topic, 1);
    ProxyProcess proxy = env.proxy();
    String group = "bench-c2-" + System.nanoTime();
    String name = "tail";
    Tail viaProxy = new Tail();
    Tail viaNative = new Tail();
    AtomicBoolean stop = new AtomicBoolean();
    TopicPartition partition = new TopicPartition(topic, 0);

    try (RestClient rest = new RestClient(proxy);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(NativeClients.consumerProps(env.bootstrapServers()))) {
      rest.createBinaryInstance(group, name);
      rest.assign(group, name, topic, 1);
      rest.expect(204, "POST", RestClient.instancePath(group, name) + "/positions/end",
          "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);

      Thread proxyReader = new Thread(() -> {
        byte[] request = RestClient.recordsRequest(proxy, group, name, -1, 1000);
        try (HttpConnection connection = new HttpConnection("127.0.0.1", proxy.port())) {
          while (!stop.get()) {
            int status;
            try {
              status = connection.exchange(request);
            } catch (java.io.IOException e) {
              synchronized (viaProxy) {
                viaProxy.failed++;
                viaProxy.firstFailure = viaProxy.firstFailure == null ? e.toString() : viaProxy.firstFailure;
              }
              ProxyProcess.sleep(50);
              continue;
            }
            long received = System.nanoTime();
            synchronized (viaProxy) {
              viaProxy.polls++;
              if (status != 200) {
                viaProxy.failed++;
                viaProxy.firstFailure = viaProxy.firstFailure == null ? "HTTP " + status : viaProxy.firstFailure;
                continue;
              }
            }
            int n = Payloads.scanBinaryRecords(connection.body(), connection.bodyLength(),
                (value, length) -> viaProxy.record(value, length, received));
            if (n == 0) {
              synchronized (viaProxy) {
                viaProxy.emptyPolls++;
              }
            }
          }
        } catch (java.io.IOException e) {
          synchronized (viaProxy) {
            viaProxy.firstFailure = e.toString();
          }
        }
      }, "c2-proxy-reader");
      Thread nativeReader = new Thread(() -> {
        while (!stop.get()) {
          var batch = consumer.poll(Duration.ofMillis(100));
          long received = System.nanoTime();
          synchronized (viaNative) {
            viaNative.polls++;
            if (batch.isEmpty()) {
              viaNative.emptyPolls++;
            }
          }
          for (ConsumerRecord<byte[], byte[]> r : batch) {
            byte[] v = r.value();
            viaNative.record(v == null ? new byte[0] : v, v == null ? 0 : v.length, received);
          }
        }
      }, "c2-native-reader");
      proxyReader.setDaemon(true);
      nativeReader.setDaemon(true);
      proxyReader.start();
      nativeReader.start();
      ProxyProcess.sleep(1500);

      long interval = (long) (1e9 / options.tailRate());
      long produced = 0;
      Usage.Meter meter = env.meter(proxy);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(NativeClients.producerProps(env.bootstrapServers(), 0))) {
        producer.partitionsFor(topic);
        long start = System.nanoTime();
        long end = start + options.tailNanos();
        for (long i = 0; ; i++) {
          long at = start + i * interval;
          if (at >= end) {
            break;
          }
          LoadRun.sleepUntil(at);
          producer.send(new ProducerRecord<>(topic, 0, null, Payloads.timedValue(System.nanoTime(), i)));
          produced++;
        }
        producer.flush();
      }
      Usage usage = meter.end();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((viaProxy.records.get() < produced || viaNative.records.get() < produced) && System.nanoTime() < deadline) {
        ProxyProcess.sleep(50);
      }
      stop.set(true);
      nativeReader.join(5_000);
      proxyReader.join(5_000);
      rest.delete(group, name);

      Report.Table table = new Report.Table("consumer", "records", "p50 ms", "p99 ms", "max ms", "polls", "empty polls",
          "proxy CPU %", "broker CPU %", "check");
      String proxyCheck = tailCheck("C2 proxy", viaProxy, produced);
      table.row("proxy, long poll timeout=1000", viaProxy.records.get(), ms(viaProxy.latency, 50),
          ms(viaProxy.latency, 99), ms(viaProxy.latency.getMaxValue() / 1000.0), viaProxy.polls, viaProxy.emptyPolls,
          pct(usage.proxyCpu()), pct(usage.brokerCpu()), proxyCheck);
      table.row("native, poll(100 ms)", viaNative.records.get(), ms(viaNative.latency, 50), ms(viaNative.latency, 99),
          ms(viaNative.latency.getMaxValue() / 1000.0), viaNative.polls, viaNative.emptyPolls, "—", "—",
          tailCheck("C2 native", viaNative, produced));
      report.section(String.format(Locale.ROOT, "C2 consume tail latency (%.0f records/s for %.0f s, end to end)",
              options.tailRate(), options.tailNanos() / 1e9), table,
          "A native producer (linger.ms=0, acks=all) writes one 100 B record every " + (interval / 1_000_000)
              + " ms with its send time in the value; the proxy reader (one binary instance, partition assigned, "
              + "positioned at the end) and a native consumer read the same records at the same time. Latency = "
              + "time the reader has the record − send time (same JVM clock).");
      BenchEnvironment.log(String.format(Locale.ROOT, "C2: proxy p50 %s ms p99 %s ms; native p50 %s ms p99 %s ms",
          ms(viaProxy.latency, 50), ms(viaProxy.latency, 99), ms(viaNative.latency, 50), ms(viaNative.latency, 99)));
      double p50 = Report.millis(viaProxy.latency, 50);
      report.target("C2", "C2 tail, end-to-end p50 through the proxy", "< 20 ms",
          String.format(Locale.ROOT, "p50 %s ms, p99 %s ms (native p50 %s ms)", ms(p50), ms(viaProxy.latency, 99),
              ms(viaNative.latency, 50)), p50 < 20 && proxyCheck.equals("ok"));
    }
  }

  private String tailCheck(String cell, Tail tail, long produced) {
    synchronized (tail) {
      long missing = produced - tail.seen.cardinality();
      return drainCheck(cell, tail.records.get(), tail.bad, tail.duplicates, missing, tail.failed, tail.firstFailure,
          (int) produced);
    }
  }

  // ---- C3 --------------------------------------------------------------------------------------

  void manyInstances() throws Exception {
    String topic = "bench-c3";
    env.createTopic(topic, 1);
    ProxyProcess proxy = env.proxy();
    int cores = Runtime.getRuntime().availableProcessors();
    int consumerThreads = Math.max(16, 4 * cores);
    int ownBound = Math.max(8, 4 * cores) + Math.max(2, cores) + consumerThreads + Math.max(2, consumerThreads / 2) + 1
        + 16;
    Report.Table table = new Report.Table("instances", "create p50 / p99 ms", "subscribe p50 / p99 ms",
        "delete p50 / p99 ms", "long polls answered", "poll p50 / p99 ms", "steady poll p50 / p99 ms",
        "proxy-own threads", "Kafka threads", "JVM threads", "proxy RSS MiB", "proxy CPU %", "steady proxy CPU %",
        "steady proxy CPU ms / poll", "steady JIT CPU %", "JIT settled after s", "steady broker CPU %", "client CPU %",
        "check");
    ProcessStats.ThreadCensus idle = proxy.stats().threads();
    table.row("0 (before)", "—", "—", "—", "—", "—", "—", idle.own(), idle.kafka(), idle.jvm(),
        mib(proxy.stats().rssBytes()), "—", "—", "—", "—", "—", "—", "—", "—");
    String steadyFigure = "not measured";
    String largest = "";
    for (int n : options.instanceCounts()) {
      BenchEnvironment.log("C3: " + n + " instances");
      String prefix = "bench-c3-" + n + "-" + System.nanoTime();
      SynchronizedHistogram create = new SynchronizedHistogram(1, TimeUnit.SECONDS.toMicros(300), 3);
      SynchronizedHistogram subscribe = new SynchronizedHistogram(1, TimeUnit.SECONDS.toMicros(300), 3);
      SynchronizedHistogram delete = new SynchronizedHistogram(1, TimeUnit.SECONDS.toMicros(300), 3);
      SynchronizedHistogram poll = new SynchronizedHistogram(1, TimeUnit.SECONDS.toMicros(300), 3);
      SynchronizedHistogram steadyPoll = new SynchronizedHistogram(1, TimeUnit.SECONDS.toMicros(300), 3);
      AtomicLong failures = new AtomicLong();
      AtomicReference<String> firstFailure = new AtomicReference<>();
      forEachInstance(proxy, n, (rest, i) -> {
        String group = prefix + "-" + i;
        long t0 = System.nanoTime();
        rest.expect(200, "POST", "/consumers/" + group, "{\"name\":\"i\",\"format\":\"binary\"}");
        long t1 = System.nanoTime();
        rest.expect(204, "POST", RestClient.instancePath(group, "i") + "/subscription",
            "{\"topics\":[\"" + topic + "\"]}");
        long t2 = System.nanoTime();
        create.recordValue(Math.max(1, (t1 - t0) / 1000));
        subscribe.recordValue(Math.max(1, (t2 - t1) / 1000));
      }, failures, firstFailure);

      // Every instance long-polls the idle topic through the hold (the first reads join the groups), then until
      // the proxy's JIT compiler has settled, then through the steady window: the CPU of instances that only wait.
      long holdEnd = System.nanoTime() + options.holdNanos();
      long settleBy = holdEnd + options.settleNanos();
      PollWindow window = new PollWindow();
      AtomicLong answered = new AtomicLong();
      AtomicLong unexpected = new AtomicLong();
      Usage.Meter meter = env.meter(proxy);
      List<byte[]> requests = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        requests.add(HttpConnection.request("GET", RestClient.instancePath(prefix + "-" + i, "i")
            + "/records?timeout=1000", proxy.hostPort(), new String[] {"Accept: " + Payloads.BINARY_TYPE},
            new byte[0]));
      }
      LongPollClient longPolls = new LongPollClient("127.0.0.1", proxy.port(), requests, () -> window.end,
          TimeUnit.SECONDS.toNanos(1), new LongPollClient.Listener() {
            @Override
            public void answered(int connection, int status, String body, long sentNanos, long receivedNanos) {
              if (status != 200) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, "long poll: HTTP " + status + " " + body);
                return;
              }
              answered.incrementAndGet();
              long micros = Math.max(1, (receivedNanos - sentNanos) / 1000);
              poll.recordValue(micros);
              if (sentNanos >= window.steadyStart) {
                steadyPoll.recordValue(micros);
              }
              if (!body.trim().equals("[]")) {
                unexpected.incrementAndGet();
              }
            }

            @Override
            public void failed(int connection, String problem) {
              failures.incrementAndGet();
              firstFailure.compareAndSet(null, "long poll: " + problem);
            }
          });
      long[] maxima = new long[4];
      Usage.Meter steadyMeter = null;
      ProcessStats stats = proxy.stats();
      JitWatch jit = new JitWatch(stats::compilerCpuNanos, BenchOptions.JIT_SETTLED_SHARE);
      long jitAtSteady = 0;
      String settledAfter = "—";
      ProcessStats.ThreadCensus census = idle;
      while (System.nanoTime() < window.end) {
        ProxyProcess.sleep(500);
        long now = System.nanoTime();
        if (steadyMeter == null && now >= holdEnd) {
          boolean settled = jit.settled(now);
          if (settled || now >= settleBy) {
            long seconds = Math.round((now - holdEnd) / 1e9);
            settledAfter = settled ? Long.toString(seconds) : "not (" + seconds + ")";
            BenchEnvironment.log("C3 " + n + " instances: steady window starts, JIT settled after " + settledAfter
                + " s (compiler threads " + pct(jit.lastShare() * 100) + " % of a core)");
            steadyMeter = env.meter(proxy);
            jitAtSteady = stats.compilerCpuNanos();
            window.start(System.nanoTime(), options.steadyNanos());
          }
        }
        ProcessStats.ThreadCensus threads = stats.threads();
        if (threads.total() > maxima[0]) {
          census = threads;
        }
        maxima[0] = Math.max(maxima[0], threads.total());
        maxima[1] = Math.max(maxima[1], threads.own());
        maxima[2] = Math.max(maxima[2], threads.kafka());
        maxima[3] = Math.max(maxima[3], stats.rssBytes());
      }
      Usage usage = meter.end();
      Usage steady = steadyMeter == null ? usage : steadyMeter.end();
      double steadyJit = (stats.compilerCpuNanos() - jitAtSteady) * 100.0 / options.steadyNanos();
      if (!longPolls.awaitDone(30, TimeUnit.SECONDS)) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, longPolls.running() + " long polls did not finish");
      }
      longPolls.close();
      forEachInstance(proxy, n, (rest, i) -> {
        long t0 = System.nanoTime();
        rest.expect(204, "DELETE", RestClient.instancePath(prefix + "-" + i, "i"), null);
        delete.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
      }, failures, firstFailure);
      // Consumers close in the background after DELETE answers (proxy-consumer-closer threads): count them too.
      ProcessStats.ThreadCensus afterDeletes = proxy.stats().threads();
      maxima[1] = Math.max(maxima[1], afterDeletes.own());

      StringBuilder problems = new StringBuilder();
      if (failures.get() > 0) {
        problems.append(failures.get()).append(" failed calls (").append(firstFailure.get()).append("); ");
      }
      if (unexpected.get() > 0) {
        problems.append(unexpected.get()).append(" long polls returned records from an idle topic; ");
      }
      String check = "ok";
      if (problems.length() > 0) {
        report.failure("C3 " + n + " instances: " + problems);
        check = "FAIL";
      }
      table.row(n, pair(create), pair(subscribe), pair(delete), answered.get(), pair(poll), pair(steadyPoll),
          maxima[1], maxima[2], maxima[0] - maxima[1] - maxima[2], mib(maxima[3]), pct(usage.proxyCpu()),
          pct(steady.proxyCpu()), cpuPerPoll(steady, steadyPoll, options.steadyNanos()), pct(steadyJit), settledAfter,
          pct(steady.brokerCpu()), pct(usage.clientCpu()), check);
      steadyFigure = String.format(Locale.ROOT, "%d instances: %s %% of one core (polls p50 / p99 %s ms)", n,
          pct(steady.proxyCpu()), pair(steadyPoll));
      BenchEnvironment.log(String.format(Locale.ROOT,
          "C3 %d instances: create p99 %s ms, subscribe p99 %s ms, delete p99 %s ms, threads own/kafka/total %d/%d/%d, RSS %s MiB",
          n, ms(create, 99), ms(subscribe, 99), ms(delete, 99), maxima[1], maxima[2], maxima[0], mib(maxima[3])));
      largest = census.summary(6);
      if (n == 1000) {
        double worst = Math.max(Report.millis(create, 99), Math.max(Report.millis(subscribe, 99), Report.millis(delete, 99)));
        boolean met = maxima[1] <= ownBound && maxima[3] < 2L * 1024 * 1024 * 1024 && worst < 50 && check.equals("ok");
        report.target("C3", "C3 1,000 instances: proxy-own threads, RSS, create/subscribe/delete p99",
            "own threads ≤ " + ownBound + ", RSS < 2 GiB, each p99 < 50 ms",
            String.format(Locale.ROOT, "own threads %d, RSS %s MiB, p99 create %s / subscribe %s / delete %s ms",
                maxima[1], mib(maxima[3]), ms(create, 99), ms(subscribe, 99), ms(delete, 99)), met);
        double steadyP99 = Report.millis(steadyPoll, 99);
        report.target("C3-idle", "C3 1,000 idle instances long-polling (timeout=1000): steady proxy CPU, polls on time",
            "< 30 % of one core, poll p99 < 1,100 ms",
            String.format(Locale.ROOT, "%s %% of one core, polls p50 / p99 %s ms", pct(steady.proxyCpu()),
                pair(steadyPoll)),
            steady.proxyCpu() < 30 && steadyPoll.getTotalCount() > 0 && steadyP99 < 1100 && check.equals("ok"));
      }
    }
    ProxyProcess.sleep(1000);
    ProcessStats.ThreadCensus after = proxy.stats().threads();
    table.row("0 (after)", "—", "—", "—", "—", "—", "—", after.own(), after.kafka(), after.jvm(),
        mib(proxy.stats().rssBytes()), "—", "—", "—", "—", "—", "—", "—", "—");
    report.section("C3 many consumer instances long-polling an idle topic", table,
        "Each instance is its own group (binary, subscribed to an idle 1-partition topic). Create and subscribe "
            + "(timed separately), then every instance long-polls `GET .../records?timeout=1000` in a loop for "
            + String.format(Locale.ROOT, "%.0f s", options.holdNanos() / 1e9) + ", then until the proxy's JIT "
            + "compiler threads use less than " + pct(BenchOptions.JIT_SETTLED_SHARE * 100) + " % of a core over 2 s "
            + "(at most " + String.format(Locale.ROOT, "%.0f s", options.settleNanos() / 1e9) + "; column \"JIT "
            + "settled after\"), then through the steady window (`LongPollClient`: one connection per "
            + "instance, all on one NIO thread, the first polls spread over 1 s), then each is deleted. Control calls run on 8 keep-alive connections. Threads and RSS are the "
            + "maxima sampled every 0.5 s during the long polls; proxy-own threads are named `proxy-*` or `grizzly*`, "
            + "Kafka threads `kafka*`. CPU is over the long-poll window; the steady figures (CPU, the polls "
            + "started in it, and the proxy's CPU time per such poll) are over the steady window of "
            + String.format(Locale.ROOT, "%.0f s", options.steadyNanos() / 1e9) + ", once every instance has joined "
            + "its group and only waits; its JIT compiler share is shown apart and included in the proxy's (last row: " + steadyFigure + "). Thread names at the largest count: "
            + largest + ". The thread bound for the target is http.threads + response.threads + consumer.threads + "
            + "consumer closers (consumer.threads / 2) + 1 timer + 16 (Grizzly selectors and slack) = " + ownBound + " with the defaults on " + cores + " cores.");
  }

  private static String pair(Histogram h) {
    return ms(h, 50) + " / " + ms(h, 99);
  }

  /**
   * {@return the proxy's CPU time per long poll started in the steady window}: it moves less with other
   * work on the machine than the CPU share does, since a starved proxy also answers fewer polls
   */
  private static String cpuPerPoll(Usage steady, Histogram polls, long windowNanos) {
    if (polls.getTotalCount() == 0) {
      return "—";
    }
    double cpuMillis = steady.proxyCpu() / 100.0 * windowNanos / 1e6;
    return String.format(Locale.ROOT, "%.2f", cpuMillis / polls.getTotalCount());
  }

  /**
   * When C3's steady window starts and when its long polls stop; both open until the JIT has settled, so they
   * are set once while the polls run.
   */
  private static final class PollWindow {
    volatile long steadyStart = Long.MAX_VALUE;
    volatile long end = Long.MAX_VALUE;

    void start(long now, long lengthNanos) {
      end = now + lengthNanos;
      steadyStart = now;
    }
  }

  private interface InstanceTask {
    void run(RestClient rest, int index) throws Exception;
  }

  /** Runs a task for instances 0..n-1 on 8 threads, each with its own keep-alive connection. */
  private static void forEachInstance(ProxyProcess proxy, int n, InstanceTask task, AtomicLong failures,
      AtomicReference<String> firstFailure) throws Exception {
    int threads = Math.min(8, n);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(pool.submit(() -> {
          try (RestClient rest = new RestClient(proxy)) {
            for (int i = first; i < n; i += threads) {
              try {
                task.run(rest, i);
              } catch (Exception e) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, e.toString());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
