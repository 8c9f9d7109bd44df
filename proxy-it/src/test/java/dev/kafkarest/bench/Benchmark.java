package dev.kafkarest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Compares the proxy with native Kafka clients on the same broker in the same run.
 *
 * <p>Starts a broker (child JVM) and the proxy ({@code java -Xms1g -Xmx1g -XX:+UseG1GC -jar kafka-rest-proxy.jar}, the launcher's defaults) as
 * separate processes, runs the scenarios of issue 4 (P1/P2 produce throughput, P3 produce latency, C1
 * drain, C2 tail latency, C3 many instances, C4 consume through a server-sent-events stream (C4-offset: through a
 * stateless stream by offset), N1 three nodes behind a
 * balancer) against the proxy and the same workloads with kafka-clients,
 * and P1-auth (one P1 cell with bearer authentication and a quota, against the anonymous proxy); checks correctness while measuring, prints a markdown report and writes it to
 * {@code <bench.out>/results.md} with a chart {@code produce-throughput.svg}. See {@link BenchOptions}
 * and {@code docs/benchmarks.md}.
 *
 * <p>Exit code: 0 when the run completed and every correctness check passed (targets that are NOT MET
 * do not fail the run), 3 when a correctness check failed, 1 when the run itself failed.
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    preloadClasses();
    BenchOptions options = BenchOptions.fromSystemProperties();
    Files.createDirectories(options.out());
    Report report = new Report(options);
    long started = System.nanoTime();
    describeMachine(report, options);
    BenchEnvironment env = new BenchEnvironment(options);
    Thread hook = new Thread(env::close, "bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int exit = 0;
    try {
      env.start(options.runs("P3"));
      BenchEnvironment.log("broker warm-up (native produce, not reported)");
      env.createTopic("bench-broker-warmup", 3);
      NativeClients.produceThroughput(env.bootstrapServers(), "bench-broker-warmup", 0, options.brokerWarmupNanos(),
          () -> env.meter(null));
      ProduceScenarios produce = new ProduceScenarios(env, options, report);
      ConsumeScenarios consume = new ConsumeScenarios(env, options, report);
      if (options.runs("P1-auth")) {
        scenario(report, "P1-auth", new AuthScenario(env, options, report)::run);
      }
      if (options.runs("P1") || options.runs("P2")) {
        scenario(report, "P1/P2", produce::throughput);
      }
      if (options.runs("P3")) {
        scenario(report, "P3", produce::latency);
      }
      if (options.runs("C1")) {
        scenario(report, "C1", consume::drain);
      }
      if (options.runs("C2")) {
        scenario(report, "C2", consume::tail);
      }
      if (options.runs("C4")) {
        scenario(report, "C4", new StreamScenario(env, options, report, false)::run);
      }
      if (options.runs("C4-offset")) {
        scenario(report, "C4-offset", new StreamScenario(env, options, report, true)::run);
      }
      if (options.runs("C3")) {
        scenario(report, "C3", consume::manyInstances);
      }
      if (options.runs("N1")) {
        scenario(report, "N1", new NodesScenario(env, options, report)::run);
      }
      ProcessStats proxy = env.proxy().stats();
      report.header(String.format(Locale.ROOT, "- Proxy peak RSS over the run: %s MiB; proxy CPU time %.1f s",
          Report.mib(proxy.peakRssBytes()), proxy.cpuNanos() / 1e9));
    } catch (Exception e) {
      e.printStackTrace();
      report.failure("the run stopped: " + e);
      exit = 1;
    } finally {
      env.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
    report.header(String.format(Locale.ROOT, "- Duration: %.0f s; load average at the end: %s",
        (System.nanoTime() - started) / 1e9, loadAverage()));
    report.write();
    System.out.println();
    System.out.println(report.markdown());
    System.out.println("Results written to " + options.out().resolve("results.md")
        + (Files.exists(options.out().resolve("produce-throughput.svg"))
            ? " and " + options.out().resolve("produce-throughput.svg") : ""));
    if (exit == 0 && report.hasFailures()) {
      exit = 3;
    }
    System.exit(exit);
  }

  /**
   * Loads every class of this package now, so a run survives a {@code mvn clean} or a recompilation of
   * {@code target/test-classes} by another build in the same tree while it measures.
   */
  private static void preloadClasses() {
    try {
      Path dir = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .resolve("dev/kafkarest/bench");
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (var files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (name.endsWith(".class")) {
            Class.forName("dev.kafkarest.bench." + name.substring(0, name.length() - ".class".length()));
          }
        }
      }
    } catch (Exception | LinkageError e) {
      System.err.println("bench: could not preload classes: " + e);
    }
  }

  private interface Scenario {
    void run() throws Exception;
  }

  private static void scenario(Report report, String name, Scenario scenario) {
    long start = System.nanoTime();
    BenchEnvironment.log("=== " + name + " ===");
    try {
      scenario.run();
    } catch (Exception e) {
      e.printStackTrace();
      report.failure(name + " stopped: " + e);
    }
    BenchEnvironment.log(String.format(Locale.ROOT, "=== %s done in %.0f s ===", name,
        (System.nanoTime() - start) / 1e9));
  }

  private static void describeMachine(Report report, BenchOptions options) {
    report.header("- Date: " + Instant.now());
    report.header(String.format(Locale.ROOT, "- Mode: %s; scenarios: %s; P1/P2 cells: %.0f s warm-up + %.0f s measured",
        options.quick() ? "**quick** (smoke run, short cells)" : "full", String.join(",",
            new java.util.TreeSet<>(options.only())), options.warmupNanos() / 1e9, options.measureNanos() / 1e9));
    report.header("- Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + "), "
        + memTotal() + " RAM; load average at the start: " + loadAverage());
    if (!options.proxySettings().isEmpty()) {
      report.header("- Extra proxy settings (bench.proxy): `" + options.proxySettings() + "`");
    }
    report.header("- Broker data in " + options.dataDir() + " (deleted at the end)");
    report.header("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + "; proxy: `java " + String.join(" ", ProxyProcess.JVM_OPTIONS) + " -jar " + options.jar().getFileName() + "`, broker: embedded KRaft child JVM "
        + "(-Xmx512m), both on 127.0.0.1");
  }

  static String loadAverage() {
    return read("/proc/loadavg").split(" ").length >= 3
        ? String.join(" ", java.util.Arrays.copyOf(read("/proc/loadavg").split(" "), 3)) : "?";
  }

  private static String cpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown CPU";
  }

  private static String memTotal() {
    for (String line : read("/proc/meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kb / 1048576.0);
      }
    }
    return "? GiB";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }

  static long seconds(long nanos) {
    return TimeUnit.NANOSECONDS.toSeconds(nanos);
  }
}
