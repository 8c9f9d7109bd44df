package dev.kafkarest.bench;

import static dev.kafkarest.bench.Report.count;
import static dev.kafkarest.bench.Report.mb;
import static dev.kafkarest.bench.Report.ms;
import static dev.kafkarest.bench.Report.ratio;

import dev.kafkarest.it.Balancer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * N1: three proxy nodes sharing consumer instances ({@code nodes.enable}) behind a round-robin TCP balancer.
 * The same drain as C1 (binary, {@code max_bytes} 1 MB, three partitions) and a run of small calls
 * ({@code GET .../assignments}) are measured twice: with every call on the node that holds the instance,
 * and through the balancer with the instance created on one node and every later call landing on another,
 * so each is forwarded (and a third time with the balancer in front of the owner alone). Rounds alternate
 * (local, forwarded, local, forwarded) so that noise from other work hits both, after a warm-up round that
 * the figures leave out.
 */
final class NodesScenario {
  private static final int PARTITIONS = 3;
  private static final long MAX_BYTES = 1024 * 1024;
  /** Small calls per measured cell ({@code bench.n1.calls}). */
  private static final int SMALL_CALLS = Integer.getInteger("bench.n1.calls", 2_000);
  /** Measured rounds ({@code bench.n1.rounds}), after the warm-up round. */
  private static final int ROUNDS = Integer.getInteger("bench.n1.rounds", 2);
  /**
   * Small calls per cell of each warm-up round. The forwarding path (the HTTP client, the forwarding filter)
   * runs only in this scenario, so unlike the one-node path it arrives here interpreted: measured after
   * 1,000 calls a forwarded call took 8.4 ms at p50, after 10,000 3.1 ms, while the one-node call moved from
   * 3.3 to 0.4 ms; after one warm-up round of 8,000 the first measured round was still 1 to 3 ms slower than
   * the second. Both paths get the same warm-up, which is shown but not counted.
   */
  private static final int WARMUP_CALLS = 6_000;
  private static final int WARMUP_ROUNDS = 2;

  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Report report;

  NodesScenario(BenchEnvironment env, BenchOptions options, Report report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  /** One measured cell: the drain and the small calls. */
  private record Cell(String label, long records, long responses, double seconds, long duplicates, long bad,
      Histogram reads, Histogram small) {}

  void run() throws Exception {
    String topic = "bench-n1";
    int total = options.drainRecords();
    env.createTopic(topic, PARTITIONS);
    NativeClients.load(env.bootstrapServers(), topic, total);
    Map<String, String> settings = Map.of(
        "nodes.enable", "true",
        "nodes.secret", UUID.randomUUID() + "-" + UUID.randomUUID(),
        "nodes.topic", "_kafka-rest-nodes-bench-" + UUID.randomUUID(),
        "nodes.advertised.url", "http://127.0.0.1:${port}");
    List<ProxyProcess> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(env.startProxy("proxy-node-" + i, settings));
    }
    List<URI> backends = nodes.stream().map(node -> URI.create("http://" + node.hostPort())).toList();
    Report.Table table = new Report.Table("cell", "rec/s", "MB/s", "req/s", "read p50 ms", "read p99 ms",
        "small call p50 ms", "small call p99 ms", "check");
    List<Cell> local = new ArrayList<>();
    List<Cell> balanced = new ArrayList<>();
    List<Cell> forwarded = new ArrayList<>();
    String balancerKind;
    try (Balancer balancer = Balancer.start(backends); Balancer ownerOnly = Balancer.start(List.of(backends.get(0)))) {
      balancerKind = balancer.kind();
      for (int round = 1 - WARMUP_ROUNDS; round <= ROUNDS; round++) {
        String suffix = round <= 0 ? ", warm-up " + (round + WARMUP_ROUNDS) + " (not counted)" : ", round " + round;
        int calls = round <= 0 ? WARMUP_CALLS : SMALL_CALLS;
        Cell one = row(table, measure("one node" + suffix, topic, total, nodes.get(0).port(),
            nodes.get(0).port(), null, calls));
        Cell viaBalancer = row(table, measure("one node via the balancer" + suffix, topic, total,
            ownerOnly.uri().getPort(), ownerOnly.uri().getPort(), null, calls));
        Cell forwardedCell = row(table, measure("3 nodes via balancer, forwarded" + suffix, topic, total,
            balancer.uri().getPort(), balancer.uri().getPort(), balancer, calls));
        if (round > 0) {
          local.add(one);
          balanced.add(viaBalancer);
          forwarded.add(forwardedCell);
        }
      }
    }
    double localRate = rate(local);
    double forwardedRate = rate(forwarded);
    double addedP50 = p50(forwarded) - p50(local);
    // The balancer relays every byte; what forwarding itself adds is the difference with the same balancer in
    // front of the owner alone.
    double forwardingP50 = p50(forwarded) - p50(balanced);
    report.section("N1 three nodes behind a round-robin balancer (consumer drain at max_bytes 1 MB, and "
        + SMALL_CALLS + " small calls per round, after " + WARMUP_ROUNDS + " warm-up rounds of " + WARMUP_CALLS + ")", table, String.format(Locale.ROOT,
        "Balancer: " + balancerKind + ". Forwarded: the instance is created through the balancer on one node and every later call goes through "
            + "the balancer to another, which forwards it to the owner (nodes.enable). Forwarded drain %s of the "
            + "one-node rate; small calls add %.2f ms at p50 over one node reached directly, %.2f ms over one "
            + "node reached through the same balancer (the forwarding itself).", ratio(forwardedRate / localRate),
        addedP50, forwardingP50));
    report.target("N1", "N1 forwarded small call p50 minus one-node-through-the-balancer p50", "≤ 5 ms",
        String.format(Locale.ROOT, "%.2f ms (%.2f ms over one node reached directly)", forwardingP50, addedP50),
        forwardingP50 <= 5);
  }

  private Cell row(Report.Table table, Cell cell) {
    double rate = cell.records() / cell.seconds();
    String check = cell.duplicates() == 0 && cell.bad() == 0 ? "ok" : "FAIL";
    if (!"ok".equals(check)) {
      report.failure("N1 " + cell.label() + ": " + cell.duplicates() + " duplicates, " + cell.bad() + " bad records");
    }
    table.row(cell.label(), count(rate), mb(rate * Payloads.VALUE_SIZE), count(cell.responses() / cell.seconds()),
        ms(cell.reads(), 50), ms(cell.reads(), 99), ms(cell.small(), 50), ms(cell.small(), 99), check);
    return cell;
  }

  /**
   * Creates an instance through {@code controlPort}, then reads and calls through a second connection to
   * {@code readPort}; through a balancer the second connection lands on the node after the owner.
   */
  private Cell measure(String label, String topic, int total, int controlPort, int readPort,
      Balancer balancer, int smallCalls) throws IOException {
    String group = "bench-n1-" + System.nanoTime();
    String name = "drain";
    SequenceCheck sink = new SequenceCheck(total);
    Histogram reads = LoadRun.histogram();
    Histogram small = LoadRun.histogram();
    long responses = 0;
    try (RestClient control = new RestClient(controlPort); HttpConnection connection =
        new HttpConnection("127.0.0.1", readPort)) {
      control.createBinaryInstance(group, name);
      String hostPort = "127.0.0.1:" + readPort;
      byte[] assignments = HttpConnection.request("GET", RestClient.instancePath(group, name) + "/assignments",
          hostPort, new String[] {"Accept: " + Payloads.V2_TYPE}, new byte[0]);
      control.assign(group, name, topic, PARTITIONS);
      byte[] request = RestClient.recordsRequest(hostPort, group, name, MAX_BYTES, 1000);
      long start = System.nanoTime();
      long deadline = start + options.drainTimeoutNanos();
      while (sink.records() < total && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        expect(200, connection.exchange(request), connection);
        reads.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
        responses++;
        Payloads.scanBinaryRecords(connection.body(), connection.bodyLength(), sink);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (balancer != null) {
        // The control and the read connection are the balancer's last two; on one node, nothing is forwarded.
        List<Integer> landed = balancer.connections();
        if (landed.get(landed.size() - 2).equals(landed.get(landed.size() - 1))) {
          report.failure("N1 " + label + ": both connections landed on one node; nothing was forwarded");
        }
      }
      for (int i = 0; i < smallCalls; i++) {
        long t0 = System.nanoTime();
        expect(200, connection.exchange(assignments), connection);
        small.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
      }
      // The control connection sat idle through the drain, maybe past the proxy's keep-alive timeout.
      try (RestClient cleanup = new RestClient(controlPort)) {
        cleanup.delete(group, name);
      }
      BenchEnvironment.log(String.format(Locale.ROOT, "N1 %s: %s rec/s, small call p50 %s ms", label,
          count(sink.records() / seconds), ms(small, 50)));
      return new Cell(label, sink.records(), responses, seconds, sink.duplicates(), sink.bad(), reads, small);
    }
  }

  private static void expect(int status, int actual, HttpConnection connection) throws IOException {
    if (actual != status) {
      throw new IOException("expected " + status + ", got " + actual + ": "
          + ProduceScenarios.abbreviate(connection.bodyString()));
    }
  }

  private static double rate(List<Cell> cells) {
    return cells.stream().mapToLong(Cell::records).sum() / cells.stream().mapToDouble(Cell::seconds).sum();
  }

  private static double p50(List<Cell> cells) {
    Histogram all = LoadRun.histogram();
    cells.forEach(cell -> all.add(cell.small()));
    return all.getValueAtPercentile(50) / 1000.0;
  }
}
