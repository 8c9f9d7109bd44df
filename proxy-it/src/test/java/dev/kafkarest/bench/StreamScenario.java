package dev.kafkarest.bench;

import static dev.kafkarest.bench.Report.count;
import static dev.kafkarest.bench.Report.ms;
import static dev.kafkarest.bench.Report.pct;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.BitSet;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * C4: consume through a server-sent-events stream (docs/streaming.md). One binary instance, its partition
 * assigned and positioned at the end, read as {@code text/event-stream}: first a native producer at the C2
 * rate (end-to-end latency, same JVM clock), then a burst of records sent as fast as the producer can
 * (records/s through the stream until the last one arrives). C4-offset: the same phases through a stateless
 * stream ({@code GET /topics/{t}/partitions/0/records?offset=latest}, no consumer instance).
 */
final class StreamScenario {
  private static final int BURST = 200_000;

  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Report report;
  private final boolean byOffset;

  /** @param byOffset read a stateless stream by offset (C4-offset) instead of an instance's stream (C4) */
  StreamScenario(BenchEnvironment env, BenchOptions options, Report report, boolean byOffset) {
    this.env = env;
    this.options = options;
    this.report = report;
    this.byOffset = byOffset;
  }

  /** What the stream reader saw. */
  private static final class Seen {
    final Histogram latency = new SynchronizedHistogram(1, TimeUnit.SECONDS.toMicros(300), 3);
    final BitSet sequences = new BitSet();
    final AtomicLong records = new AtomicLong();
    long bad;
    volatile long lastNanos;

    synchronized void record(byte[] value, long receivedNanos) {
      records.incrementAndGet();
      lastNanos = receivedNanos;
      if (value.length != Payloads.VALUE_SIZE) {
        bad++;
        return;
      }
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(value);
      long sent = buffer.getLong(0);
      long seq = buffer.getLong(8);
      if (seq < 0 || seq > Integer.MAX_VALUE) {
        bad++;
        return;
      }
      sequences.set((int) seq);
      latency.recordValue(Math.max(1, (receivedNanos - sent) / 1000));
    }
  }

  void run() throws Exception {
    String cell = byOffset ? "C4-offset" : "C4";
    String topic = byOffset ? "bench-c4-offset" : "bench-c4";
    env.createTopic(topic, 1);
    ProxyProcess proxy = env.proxy();
    String group = "bench-c4-" + System.nanoTime();
    String name = "stream";
    Seen tail = new Seen();
    Seen burst = new Seen();
    Seen[] phase = {tail};
    try (RestClient rest = new RestClient(proxy)) {
      String path;
      if (byOffset) {
        path = "/topics/" + topic + "/partitions/0/records?offset=latest";
      } else {
        rest.createBinaryInstance(group, name);
        rest.assign(group, name, topic, 1);
        rest.expect(204, "POST", RestClient.instancePath(group, name) + "/positions/end",
            "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        path = RestClient.instancePath(group, name) + "/records";
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
          .header("Accept", "text/event-stream").GET().build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        report.failure(cell + ": the stream answered HTTP " + response.statusCode());
        return;
      }
      Thread reader = new Thread(() -> read(response.body(), phase), "c4-stream-reader");
      reader.setDaemon(true);
      reader.start();
      ProxyProcess.sleep(1500);

      long interval = (long) (1e9 / options.tailRate());
      long produced = 0;
      Usage.Meter meter = env.meter(proxy);
      long burstStart;
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(NativeClients.producerProps(env.bootstrapServers(), 0))) {
        producer.partitionsFor(topic);
        long start = System.nanoTime();
        long end = start + options.tailNanos();
        for (long i = 0; start + i * interval < end; i++) {
          LoadRun.sleepUntil(start + i * interval);
          producer.send(new ProducerRecord<>(topic, 0, null, Payloads.timedValue(System.nanoTime(), i)));
          produced++;
        }
        producer.flush();
        awaitRecords(tail, produced);
        phase[0] = burst;
        burstStart = System.nanoTime();
        for (int i = 0; i < BURST; i++) {
          producer.send(new ProducerRecord<>(topic, 0, null, Payloads.timedValue(System.nanoTime(), i)));
        }
        producer.flush();
      }
      awaitRecords(burst, BURST);
      Usage usage = meter.end();
      double burstSeconds = (burst.lastNanos - burstStart) / 1e9;
      response.body().close();
      if (!byOffset) {
        rest.delete(group, name);
      }

      Report.Table table = new Report.Table("phase", "records", "records/s", "p50 ms", "p99 ms", "max ms",
          "proxy CPU %", "check");
      table.row(String.format(Locale.ROOT, "tail, %.0f records/s", options.tailRate()), tail.records.get(), "—",
          ms(tail.latency, 50), ms(tail.latency, 99), ms(tail.latency.getMaxValue() / 1000.0), "—",
          check(tail, produced));
      table.row("burst of " + count(BURST), burst.records.get(), count((long) (BURST / burstSeconds)),
          ms(burst.latency, 50), ms(burst.latency, 99), ms(burst.latency.getMaxValue() / 1000.0),
          pct(usage.proxyCpu()), check(burst, BURST));
      String source = byOffset
          ? "A stateless stream by offset (GET /topics/{t}/partitions/0/records?offset=latest, no consumer instance)"
          : "One binary instance";
      report.section(byOffset ? "C4-offset consume through a stateless stream by offset"
          : "C4 consume through a server-sent-events stream", table,
          source + " read as text/event-stream (one event per record, base64 values decoded and checked). "
              + "Tail: a native producer (linger.ms=0) at the C2 rate; latency = time the event is read − send time "
              + "(same JVM clock). Burst: " + count(BURST) + " records sent at once; records/s until the last arrives.");
      BenchEnvironment.log(String.format(Locale.ROOT, "%s: tail p50 %s ms p99 %s ms; burst %s rec/s", cell,
          ms(tail.latency, 50), ms(tail.latency, 99), count((long) (BURST / burstSeconds))));
    }
  }

  private static void awaitRecords(Seen seen, long expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (seen.records.get() < expected && System.nanoTime() < deadline) {
      ProxyProcess.sleep(20);
    }
  }

  private static String check(Seen seen, long expected) {
    synchronized (seen) {
      long missing = expected - seen.sequences.cardinality();
      return seen.bad == 0 && missing == 0 ? "ok" : "bad " + seen.bad + ", missing " + missing;
    }
  }

  /** Reads events; each {@code data:} line's {@code "value"} is base64 of one timed value. */
  private static void read(InputStream body, Seen[] phase) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        long received = System.nanoTime();
        int start = line.indexOf("\"value\":\"");
        if (start < 0) {
          continue;
        }
        start += 9;
        int end = line.indexOf('"', start);
        phase[0].record(Base64.getDecoder().decode(line.substring(start, end)), received);
      }
    } catch (java.io.IOException e) {
      // The stream is closed at the end of the cell.
    }
  }
}
