package dev.kafkarest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The benchmark's options, all system properties:
 *
 * <ul>
 *   <li>{@code bench.quick=true}: short cells for a smoke run (about 3 minutes instead of about 8);
 *   <li>{@code bench.only=P1,C1}: the scenarios to run ({@code all} or empty for every one; case does not
 *       matter, so {@code p1-auth} selects {@code P1-auth});
 *   <li>{@code bench.out=DIR}: where results.md, the SVG chart and the logs go (default
 *       {@code target/bench});
 *   <li>{@code bench.jar=FILE}: the proxy's jar (default {@code ../proxy-server/target/kafka-rest-proxy.jar});
 *   <li>{@code bench.jfr=true}: record the main proxy with Java Flight Recorder ({@code proxy.jfr});
 *   <li>{@code bench.warmup=S}, {@code bench.measure=S}: per-cell warm-up and measurement seconds for
 *       P1/P2 (overrides the quick/full defaults);
 *   <li>{@code bench.proxy=key=value,key=value}: extra settings for the proxies under test, to try a
 *       change without rebuilding (for example {@code consumer.receive.buffer.bytes=-1});
 *   <li>{@code bench.data=DIR}: the broker's data folder (default: a folder in {@code /dev/shm} when it
 *       has 4 GiB free, so page-cache write-back of other work on the machine cannot stall the broker;
 *       else {@code <bench.out>/kafka-data}). It is deleted at the end.
 *   <li>{@code bench.c3.hold=S}: seconds C3's instances long-poll before its steady window (default 3, quick,
 *       or 6), so that every instance has joined its group before idle CPU is measured; then they go on until
 *       the proxy's JIT compiler has settled, at most {@code bench.c3.settle=S} seconds (default 180, quick 120);
 *       C1 waits the same way before each measured drain, at most {@code bench.c1.settle=S} (default 60, quick 30);
 *       the steady window lasts {@code bench.c3.steady=S} seconds (default 10, quick 6);
 *   <li>{@code bench.c1.warmup=N}: the one-record GETs that warm the proxy's request path after C1's cold drain
 *       (default 15,000, quick 5,000);
 *   <li>{@code bench.n1.calls=N}, {@code bench.n1.rounds=N}: N1's small calls per measured round (default
 *       2,000) and its measured rounds after the warm-up round (default 2);
 *   <li>{@code bench.auth.quota=false}: P1-auth measures bearer authentication alone, without the produce
 *       quota (default {@code true}: bearer and a quota that is never hit; needs a proxy that knows the
 *       {@code quota.*} settings).
 * </ul>
 */
record BenchOptions(boolean quick, Set<String> only, Path out, Path jar, boolean jfr, long warmupNanos,
    long measureNanos, Map<String, String> proxySettings, Path dataDir, boolean authQuota) {
  static final Set<String> ALL = Set.of("P1", "P1-auth", "P2", "P3", "C1", "C2", "C3", "C4", "C4-offset", "N1");

  static BenchOptions fromSystemProperties() {
    boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
    String onlyText = System.getProperty("bench.only", "all").trim();
    Set<String> only = onlyText.isEmpty() || onlyText.equalsIgnoreCase("all")
        ? ALL
        : Arrays.stream(onlyText.split("[,\\s]+")).map(BenchOptions::scenario).collect(Collectors.toSet());
    Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath().normalize();
    Path jar = Path.of(System.getProperty("bench.jar", "../proxy-server/target/kafka-rest-proxy.jar"))
        .toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("The proxy jar " + jar + " does not exist; build it with "
          + "./mvnw -B -q install -DskipTests, or set -Dbench.jar");
    }
    boolean jfr = Boolean.parseBoolean(System.getProperty("bench.jfr", "false"));
    double warmup = secondsProperty("bench.warmup", quick ? 1 : 2);
    double measure = secondsProperty("bench.measure", quick ? 2 : 6);
    Map<String, String> proxySettings = new LinkedHashMap<>();
    String proxyText = System.getProperty("bench.proxy", "").trim();
    if (!proxyText.isEmpty() && !proxyText.equals("none")) {
      for (String pair : proxyText.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("bench.proxy wants key=value pairs, got " + pair);
        }
        proxySettings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    String dataText = System.getProperty("bench.data", "").trim();
    Path dataDir;
    if (!dataText.isEmpty() && !dataText.equals("default")) {
      dataDir = Path.of(dataText).toAbsolutePath().normalize();
    } else {
      dataDir = out.resolve("kafka-data");
      Path shm = Path.of("/dev/shm");
      try {
        if (Files.isDirectory(shm) && Files.getFileStore(shm).getUsableSpace() > 4L * 1024 * 1024 * 1024) {
          dataDir = shm.resolve("kafka-rest-bench-" + ProcessHandle.current().pid());
        }
      } catch (java.io.IOException e) {
        // keep the folder under bench.out
      }
    }
    boolean authQuota = Boolean.parseBoolean(System.getProperty("bench.auth.quota", "true"));
    return new BenchOptions(quick, only, out, jar, jfr, seconds(warmup), seconds(measure), Map.copyOf(proxySettings),
        dataDir, authQuota);
  }

  /** {@return the scenario id of {@link #ALL} that {@code text} names, ignoring case} */
  private static String scenario(String text) {
    return ALL.stream().filter(id -> id.equalsIgnoreCase(text)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("Unknown scenario " + text + " in bench.only; known: " + ALL));
  }

  private static double secondsProperty(String name, double fallback) {
    String value = System.getProperty(name, "").trim();
    return value.isEmpty() || value.equals("default") ? fallback : Double.parseDouble(value);
  }

  boolean runs(String id) {
    return only.contains(id);
  }

  /** JIT warm-up of the proxy before the first P1/P2 cell. */
  long initialWarmupNanos() {
    return seconds(quick ? 4 : 12);
  }

  /**
   * Native produce at full speed before anything is measured, to warm the broker's JIT up: without it
   * the broker keeps getting faster for minutes, which favours whatever runs last.
   */
  long brokerWarmupNanos() {
    return seconds(quick ? 6 : 20);
  }

  /**
   * P1-auth: rounds of the anonymous cell and the bearer cell, alternating (A B, B A, A B, B A), each with
   * the P1/P2 warm-up and measurement; an even number, so each side goes first as often as the other.
   */
  int authRounds() {
    return 4;
  }

  /**
   * P1-auth: JIT warm-up of each of its two fresh proxies, in two alternating slices. Longer than
   * {@link #initialWarmupNanos()} in quick mode: a cold proxy is still getting faster after 4 s, which
   * would favour whichever side is measured later.
   */
  long authWarmupNanos() {
    return seconds(quick ? 8 : 12);
  }

  /** Native producer baseline: warm-up and measurement. */
  long nativeWarmupNanos() {
    return seconds(quick ? 2 : 3);
  }

  long nativeMeasureNanos() {
    return seconds(quick ? 3 : 8);
  }

  /** P3: each latency cell. */
  long latencyWarmupNanos() {
    return seconds(quick ? 1 : 2);
  }

  long latencyMeasureNanos() {
    return seconds(quick ? 4 : 12);
  }

  /** P3 fixed rate, requests per second (below what one connection sustains at linger 5 ms). */
  double latencyRate() {
    return 100;
  }

  /** C1: records loaded natively. */
  int drainRecords() {
    return quick ? 200_000 : 1_000_000;
  }

  /**
   * C1: the one-record GETs (max_bytes=1) the proxy answers after its cold drain, before the measured drains,
   * {@code bench.c1.warmup} when set (default 15,000, quick 5,000). A method called once per request reaches the
   * JIT's optimizing tier only after 5,000 to 15,000 calls, and the cold drain makes about a hundred.
   */
  int drainWarmupCalls() {
    return Integer.getInteger("bench.c1.warmup", quick ? 5_000 : 15_000);
  }

  /**
   * C1: the GETs at max_bytes=1 MB the proxy answers after the one-record ones, before the measured drains,
   * {@code bench.c1.warmup.large} when set (default 3,000, quick 1,000). Their answers (about 1.9 MB) take the large
   * body path (handed to the connection chunk by chunk), which one-record answers never take: with only the measured
   * drains' hundred GETs each, the JIT still compiled that path through them, 30 to 50 % of a core.
   */
  int drainLargeWarmupCalls() {
    return Integer.getInteger("bench.c1.warmup.large", quick ? 1_000 : 3_000);
  }

  /** C1: the longest one drain may take before it is reported as incomplete. */
  long drainTimeoutNanos() {
    return seconds(quick ? 60 : 120);
  }

  /** C2: how long records are produced at {@link #tailRate()}. */
  long tailNanos() {
    return seconds(quick ? 5 : 15);
  }

  double tailRate() {
    return 100;
  }

  /** C3: instance counts and how long they long-poll. */
  int[] instanceCounts() {
    return new int[] {1, 100, 1000};
  }

  /**
   * C3: how long the instances long-poll before the steady window, {@code bench.c3.hold} seconds when set;
   * a thousand first reads (group joins) can take longer than the default on a loaded machine.
   */
  long holdNanos() {
    return seconds(secondsProperty("bench.c3.hold", quick ? 3 : 6));
  }

  /**
   * C3: the longest the instances long-poll after the hold while the proxy's JIT compiler is still busy,
   * {@code bench.c3.settle} seconds when set (default 180, quick 120); the steady window starts once the compiler
   * threads used less than {@link #JIT_SETTLED_SHARE} of a core over two seconds, or when this ends.
   */
  long settleNanos() {
    return seconds(secondsProperty("bench.c3.settle", quick ? 120 : 180));
  }

  /**
   * C1: the longest to wait before each measured proxy drain for the proxy's JIT compiler to settle, {@code
   * bench.c1.settle} seconds when set (default 60, quick 30). The per-request code runs only a few hundred times in
   * the cold drain, so without the wait the compiler took up to half a core during the measured drains.
   */
  long drainSettleNanos() {
    return seconds(secondsProperty("bench.c1.settle", quick ? 30 : 60));
  }

  /** C1 and C3: the compiler threads' share of one core below which the JIT counts as settled. */
  static final double JIT_SETTLED_SHARE = 0.05;

  /**
   * C3: the steady window after the hold, once every instance has joined, where idle CPU is measured;
   * {@code bench.c3.steady} seconds when set (default 10, quick 6), longer to profile it.
   */
  long steadyNanos() {
    return seconds(secondsProperty("bench.c3.steady", quick ? 6 : 10));
  }

  static long seconds(double s) {
    return (long) (s * TimeUnit.SECONDS.toNanos(1));
  }
}
