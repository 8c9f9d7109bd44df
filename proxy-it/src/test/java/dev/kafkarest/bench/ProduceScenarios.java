package dev.kafkarest.bench;

import static dev.kafkarest.bench.Report.count;
import static dev.kafkarest.bench.Report.mb;
import static dev.kafkarest.bench.Report.mib;
import static dev.kafkarest.bench.Report.ms;
import static dev.kafkarest.bench.Report.pct;
import static dev.kafkarest.bench.Report.ratio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** P1 (binary) and P2 (json) produce throughput, and P3 single-record produce latency. */
final class ProduceScenarios {
  static final int[] RECORDS_PER_REQUEST = {1, 10, 100, 500};
  static final int[] CONNECTIONS = {1, 16, 64};
  private static final int PARTITIONS = 3;
  /** Connections of the fixed-rate P3 cells (request i on connection i mod 4). */
  private static final int RATE_CONNECTIONS = 4;

  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Report report;

  ProduceScenarios(BenchEnvironment env, BenchOptions options, Report report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  /**
   * A keep-alive HTTP connection that posts the same produce request again and again, with
   * {@code extraHeaders} (for example {@code Authorization}) after Content-Type and Accept.
   */
  static LoadRun.ClientFactory produceClient(ProxyProcess proxy, String topic, String contentType, byte[] body,
      int records, String... extraHeaders) {
    String[] headers = new String[2 + extraHeaders.length];
    headers[0] = "Content-Type: " + contentType;
    headers[1] = "Accept: " + Payloads.V2_TYPE;
    System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
    byte[] request = HttpConnection.request("POST", "/topics/" + topic, proxy.hostPort(), headers, body);
    return () -> {
      HttpConnection connection = new HttpConnection("127.0.0.1", proxy.port());
      return new LoadRun.Client() {
        long errors;

        @Override
        public int call() throws IOException {
          int status = connection.exchange(request);
          if (status != 200) {
            throw new IOException("HTTP " + status + ": " + abbreviate(connection.bodyString()));
          }
          int[] outcome = Payloads.produceOutcomes(connection.body(), connection.bodyLength());
          if (outcome[0] != records) {
            throw new IOException("expected " + records + " offsets, got " + outcome[0] + ": "
                + abbreviate(connection.bodyString()));
          }
          errors += outcome[1];
          return records - outcome[1];
        }

        @Override
        public long recordErrors() {
          return errors;
        }

        @Override
        public void close() {
          connection.close();
        }
      };
    };
  }

  private static String topic(String format) {
    return format.equals("binary") ? "bench-p1-binary" : "bench-p2-json";
  }

  private static String type(String format) {
    return format.equals("binary") ? Payloads.BINARY_TYPE : Payloads.JSON_TYPE;
  }

  private static byte[] body(String format, int records) {
    return format.equals("binary") ? Payloads.binaryProduceBody(records) : Payloads.jsonProduceBody(records);
  }

  /** A keep-alive connection that asks {@code GET /}: the cost of the HTTP stack alone. */
  static LoadRun.ClientFactory rootClient(ProxyProcess proxy) {
    byte[] request = HttpConnection.request("GET", "/", proxy.hostPort(), new String[] {"Accept: " + Payloads.V2_TYPE},
        new byte[0]);
    return () -> {
      HttpConnection connection = new HttpConnection("127.0.0.1", proxy.port());
      return new LoadRun.Client() {
        @Override
        public int call() throws IOException {
          int status = connection.exchange(request);
          if (status != 200) {
            throw new IOException("GET / answered " + status);
          }
          return 0;
        }

        @Override
        public void close() {
          connection.close();
        }
      };
    };
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  // ---- P1 / P2 ---------------------------------------------------------------------------------

  void throughput() throws Exception {
    ProxyProcess proxy = env.proxy();
    env.createTopic("bench-native", PARTITIONS);
    env.createTopic("bench-warmup", PARTITIONS);
    Report.Table table = new Report.Table("client", "format", "N", "c", "req/s", "rec/s", "MB/s", "p50 ms", "p99 ms",
        "proxy CPU %", "broker CPU %", "client CPU %", "proxy RSS MiB", "vs native", "check");
    List<String> formats = new ArrayList<>();
    if (options.runs("P1")) {
      formats.add("binary");
    }
    if (options.runs("P2")) {
      formats.add("json");
    }
    BenchEnvironment.log("proxy JIT warm-up");
    long slice = options.initialWarmupNanos() / (2L * formats.size());
    for (int n : new int[] {1, 100}) {
      for (String format : formats) {
        LoadRun.closedLoop(produceClient(proxy, "bench-warmup", type(format), body(format, n), n), 16, 0, slice,
            () -> env.meter(proxy));
      }
    }

    // The native baseline runs after the proxy's warm-up, which also warms the broker up.
    BenchEnvironment.log("native producer baseline (before)");
    LoadRun.Result before = nativeThroughput(table, "before");
    Map<String, List<Object[]>> rows = new LinkedHashMap<>();

    // Cells run in the order (N, c, format), so binary and json meet the same conditions on a busy box.
    Map<String, LoadRun.Result> cells = new LinkedHashMap<>();
    for (String format : formats) {
      env.createTopic(topic(format), PARTITIONS);
    }
    for (int n : RECORDS_PER_REQUEST) {
      for (int c : CONNECTIONS) {
        for (String format : formats) {
          String id = format.equals("binary") ? "P1" : "P2";
          String topic = topic(format);
          long offsetsBefore = env.endOffsets(topic, PARTITIONS);
          LoadRun.Result r = LoadRun.closedLoop(produceClient(proxy, topic, type(format), body(format, n), n), c,
              options.warmupNanos(), options.measureNanos(), () -> env.meter(proxy));
          long delta = env.endOffsets(topic, PARTITIONS) - offsetsBefore;
          String check = check(id + " " + format + " N=" + n + " c=" + c, r, delta);
          cells.put(format + " " + n + " " + c, r);
          report.chart.computeIfAbsent(format + " c=" + c, k -> new LinkedHashMap<>()).put(n, r.recordsPerSecond());
          rows.computeIfAbsent(format, k -> new ArrayList<>()).add(new Object[] {id + " proxy", format, n, c,
              count(r.requestsPerSecond()), count(r.recordsPerSecond()),
              mb(r.recordsPerSecond() * Payloads.VALUE_SIZE), ms(r.latency(), 50), ms(r.latency(), 99),
              pct(r.usage().proxyCpu()), pct(r.usage().brokerCpu()), pct(r.usage().clientCpu()), mib(r.usage().proxyRss()),
              (java.util.function.Supplier<String>) () -> ratio(r.recordsPerSecond() / report.nativeProducerRate), check});
          BenchEnvironment.log(String.format(Locale.ROOT, "%s %s N=%d c=%d: %s req/s, %s rec/s, p99 %s ms, proxy CPU %s %%",
              id, format, n, c, count(r.requestsPerSecond()), count(r.recordsPerSecond()), ms(r.latency(), 99),
              pct(r.usage().proxyCpu())));
        }
      }
    }
    for (List<Object[]> formatRows : rows.values()) {
      for (Object[] row : formatRows) {
        table.row(row);
      }
    }

    BenchEnvironment.log("native producer baseline (after)");
    LoadRun.Result after = nativeThroughput(table, "after");
    double nativeRate = (before.recordsPerSecond() + after.recordsPerSecond()) / 2;
    report.nativeProducerRate = nativeRate;
    report.section("P1/P2 produce throughput (100 B values, N records per request, c connections)",
        table,
        "Native: one kafka-clients producer thread calling send() with a callback as fast as the buffer allows, "
            + "acks=all, linger.ms=5, batch.size=65536 (the proxy's producer defaults); p50/p99 for native are "
            + "per-record send-to-ack under saturation. `vs native` is proxy rec/s divided by the mean of the two "
            + String.format(Locale.ROOT, "native runs (%s rec/s). ", count(nativeRate))
            + "MB/s counts record values only (100 B each). CPU is % of one core (200 % = both cores).");

    evaluateTarget("P1", cells.get("binary 100 16"), nativeRate, 0.5);
    evaluateTarget("P2", cells.get("json 100 16"), nativeRate, 0.4);
  }

  private void evaluateTarget(String id, LoadRun.@Nullable Result cell, double nativeRate, double required) {
    if (!options.runs(id) || cell == null) {
      return;
    }
    double share = cell.recordsPerSecond() / nativeRate;
    report.target(id, id.equals("P1") ? "P1 binary, N=100, c=16: proxy rec/s vs native producer"
            : "P2 json, N=100, c=16: proxy rec/s vs native producer",
        String.format(Locale.ROOT, "≥ %.0f %% of native", required * 100),
        String.format(Locale.ROOT, "%s rec/s = %s of %s", count(cell.recordsPerSecond()), ratio(share), count(nativeRate)),
        share >= required && cell.failedRequests() == 0 && cell.recordErrors() == 0);
  }

  private LoadRun.Result nativeThroughput(Report.Table table, String when) throws Exception {
    long offsetsBefore = env.endOffsets("bench-native", PARTITIONS);
    LoadRun.Result r = NativeClients.produceThroughput(env.bootstrapServers(), "bench-native",
        options.nativeWarmupNanos(), options.nativeMeasureNanos(), () -> env.meter(null));
    long delta = env.endOffsets("bench-native", PARTITIONS) - offsetsBefore;
    String check = check("native producer " + when, r, delta);
    table.row("native (" + when + ")", "bytes", "—", "1 thread", "—", count(r.recordsPerSecond()),
        mb(r.recordsPerSecond() * Payloads.VALUE_SIZE), ms(r.latency(), 50), ms(r.latency(), 99), "—",
        pct(r.usage().brokerCpu()), pct(r.usage().clientCpu()), "—",
        (java.util.function.Supplier<String>) () -> ratio(r.recordsPerSecond() / report.nativeProducerRate), check);
    BenchEnvironment.log("native producer (" + when + "): " + count(r.recordsPerSecond()) + " rec/s");
    return r;
  }

  private String check(String cell, LoadRun.Result r, long offsetDelta) {
    return check(report, cell, r, offsetDelta);
  }

  /**
   * Checks a cell: no failed request, no per-record error, end-offset delta = records acknowledged.
   * {@return "ok", or "FAIL" after adding the problems to the report}
   */
  static String check(Report report, String cell, LoadRun.Result r, long offsetDelta) {
    StringBuilder problems = new StringBuilder();
    if (r.failedRequests() > 0) {
      problems.append(r.failedRequests()).append(" failed requests (").append(r.firstFailure()).append("); ");
    }
    if (r.recordErrors() > 0) {
      problems.append(r.recordErrors()).append(" per-record errors; ");
    }
    if (offsetDelta != r.totalRecords()) {
      problems.append("end offsets moved by ").append(offsetDelta).append(" but ").append(r.totalRecords())
          .append(" records were acknowledged; ");
    }
    if (problems.length() == 0) {
      return "ok";
    }
    report.failure(cell + ": " + problems);
    return "FAIL";
  }

  // ---- P3 --------------------------------------------------------------------------------------

  void latency() throws Exception {
    String topic = "bench-p3";
    env.createTopic(topic, PARTITIONS);
    ProxyProcess defaults = env.proxy();
    ProxyProcess lingerZero = env.lingerZeroProxy();
    byte[] one = Payloads.binaryProduceBody(1);
    Report.Table table = new Report.Table("client", "producer linger.ms", "load", "req/s", "p50 ms", "p99 ms",
        "p99.9 ms", "max ms", "proxy CPU %", "broker CPU %", "p50 − native p50 (same linger)", "check");
    long warmup = options.latencyWarmupNanos();
    long measure = options.latencyMeasureNanos();
    double rate = options.latencyRate();
    String fixed = String.format(Locale.ROOT, "fixed %.0f req/s, %d conns", rate, RATE_CONNECTIONS);

    // The linger.ms=0 proxy has served nothing yet: warm its JIT up (not reported).
    LoadRun.closedLoop(produceClient(lingerZero, topic, Payloads.BINARY_TYPE, one, 1), 4, 0,
        options.initialWarmupNanos() / 2, () -> env.meter(lingerZero));
    latencyCell(table, "proxy `GET /` (HTTP floor)", "—", "c=1 closed loop", lingerZero, topic,
        () -> LoadRun.closedLoop(rootClient(lingerZero), 1, warmup, measure, () -> env.meter(lingerZero)), null);
    LoadRun.Result native0 = latencyCell(table, "native send().get()", "0", "c=1 closed loop", null, topic,
        () -> LoadRun.closedLoop(NativeClients.sendAndWait(env.bootstrapServers(), topic, 0), 1, warmup, measure,
            () -> env.meter(null)), null);
    LoadRun.Result proxy0 = latencyCell(table, "proxy", "0", "c=1 closed loop", lingerZero, topic,
        () -> LoadRun.closedLoop(produceClient(lingerZero, topic, Payloads.BINARY_TYPE, one, 1), 1, warmup, measure,
            () -> env.meter(lingerZero)), native0);
    LoadRun.Result native5 = latencyCell(table, "native send().get()", "5 (default)", "c=1 closed loop", null, topic,
        () -> LoadRun.closedLoop(NativeClients.sendAndWait(env.bootstrapServers(), topic, NativeClients.PROXY_LINGER_MS),
            1, warmup, measure, () -> env.meter(null)), null);
    latencyCell(table, "proxy", "5 (default)", "c=1 closed loop", defaults, topic,
        () -> LoadRun.closedLoop(produceClient(defaults, topic, Payloads.BINARY_TYPE, one, 1), 1, warmup, measure,
            () -> env.meter(defaults)), native5);
    LoadRun.Result native0Fixed = latencyCell(table, "native send().get()", "0", fixed, null, topic,
        () -> LoadRun.fixedRate(NativeClients.sendAndWait(env.bootstrapServers(), topic, 0), rate, RATE_CONNECTIONS, warmup, measure,
            () -> env.meter(null)), null);
    latencyCell(table, "proxy", "0", fixed, lingerZero, topic,
        () -> LoadRun.fixedRate(produceClient(lingerZero, topic, Payloads.BINARY_TYPE, one, 1), rate, RATE_CONNECTIONS, warmup, measure,
            () -> env.meter(lingerZero)), native0Fixed);
    LoadRun.Result native5Fixed = latencyCell(table, "native send().get()", "5 (default)", fixed, null, topic,
        () -> LoadRun.fixedRate(NativeClients.sendAndWait(env.bootstrapServers(), topic, NativeClients.PROXY_LINGER_MS),
            rate, RATE_CONNECTIONS, warmup, measure, () -> env.meter(null)), null);
    latencyCell(table, "proxy", "5 (default)", fixed, defaults, topic,
        () -> LoadRun.fixedRate(produceClient(defaults, topic, Payloads.BINARY_TYPE, one, 1), rate, RATE_CONNECTIONS, warmup, measure,
            () -> env.meter(defaults)), native5Fixed);

    report.section("P3 single-record produce latency (binary, 1 record of 100 B per request)", table,
        "Closed loop: one connection, next request as soon as the previous answered. Fixed rate: open loop over "
            + RATE_CONNECTIONS + " connections (request i on connection i mod " + RATE_CONNECTIONS + "); latency runs from each request's scheduled send time, so queueing behind a slow response "
            + "counts (no coordinated omission). Native: kafka-clients `send().get()` with acks=all. The proxy with "
            + "linger.ms=0 is a second proxy process started with `producer.linger.ms=0`. `GET /` measures the HTTP "
            + "stack alone (Grizzly + Jersey, no Kafka) on the same connection type.");
    double p50 = Report.millis(proxy0.latency(), 50);
    double p99 = Report.millis(proxy0.latency(), 99);
    double nativeP50 = Report.millis(native0.latency(), 50);
    boolean met = p50 <= nativeP50 + 1.0 && p99 < 10.0 && proxy0.failedRequests() == 0;
    report.target("P3", "P3 single record, c=1, proxy producer linger.ms=0: p50 and p99",
        "p50 ≤ native send().get() p50 + 1 ms, p99 < 10 ms",
        String.format(Locale.ROOT, "p50 %s ms (native %s ms), p99 %s ms", ms(p50), ms(nativeP50), ms(p99)), met);
  }

  private interface Cell {
    LoadRun.Result run() throws Exception;
  }

  private LoadRun.Result latencyCell(Report.Table table, String client, String linger, String load,
      @Nullable ProxyProcess proxy, String topic, Cell cell, LoadRun.@Nullable Result nativeReference)
      throws Exception {
    long offsetsBefore = env.endOffsets(topic, PARTITIONS);
    LoadRun.Result r = cell.run();
    long delta = env.endOffsets(topic, PARTITIONS) - offsetsBefore;
    String check = check("P3 " + client + " linger " + linger + " " + load, r, delta);
    String versus = nativeReference == null ? "—"
        : String.format(Locale.ROOT, "%+.2f ms", Report.millis(r.latency(), 50) - Report.millis(nativeReference.latency(), 50));
    table.row(client, linger, load, count(r.requestsPerSecond()), ms(r.latency(), 50), ms(r.latency(), 99),
        ms(r.latency(), 99.9), ms(r.latency().getMaxValue() / 1000.0), proxy == null ? "—" : pct(r.usage().proxyCpu()),
        pct(r.usage().brokerCpu()), versus, check);
    BenchEnvironment.log(String.format(Locale.ROOT, "P3 %s linger %s %s: %s req/s, p50 %s ms, p99 %s ms, p99.9 %s ms",
        client, linger, load, count(r.requestsPerSecond()), ms(r.latency(), 50), ms(r.latency(), 99),
        ms(r.latency(), 99.9)));
    return r;
  }
}
