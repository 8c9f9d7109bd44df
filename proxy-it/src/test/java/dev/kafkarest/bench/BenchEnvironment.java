package dev.kafkarest.bench;

import dev.kafkarest.it.TestBroker;
import dev.kafkarest.server.broker.BrokerMain;
import dev.kafkarest.server.broker.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The processes of one run: a Kafka broker (child JVM, through {@link EmbeddedKafka}), the proxy
 * under test with its defaults, and, for P3, a second proxy with {@code producer.linger.ms=0}.
 * {@link #close()} stops them all; it is also registered as a shutdown hook by the benchmark, and the
 * broker exits by itself when the benchmark's JVM dies.
 */
final class BenchEnvironment implements AutoCloseable {
  private final BenchOptions options;
  private final AtomicBoolean closed = new AtomicBoolean();
  private @Nullable EmbeddedKafka broker;
  private @Nullable ProcessStats brokerStats;
  private @Nullable Admin admin;
  private @Nullable ProxyProcess proxy;
  private @Nullable ProxyProcess lingerZeroProxy;
  /** Proxies that scenarios start for themselves ({@link #startProxy}), stopped with the rest. */
  private final List<ProxyProcess> scenarioProxies = new ArrayList<>();
  private final Path dataDir;

  BenchEnvironment(BenchOptions options) {
    this.options = options;
    this.dataDir = options.dataDir();
  }

  void start(boolean withLingerZeroProxy) throws IOException {
    deleteStaleMemoryData();
    TestBroker.deleteRecursively(dataDir);
    if (System.getProperty(EmbeddedKafka.HOME_PROPERTY) == null) {
      System.setProperty(EmbeddedKafka.HOME_PROPERTY, options.jar().getParent().toString());
    }
    Map<String, String> brokerSettings = new HashMap<>();
    brokerSettings.put("auto.create.topics.enable", "false");
    brokerSettings.put("num.partitions", "3");
    // Bound the data a full run leaves (several GB of produce cells): old segments go within seconds.
    // End offsets, which the checks use, do not change when segments are deleted.
    brokerSettings.put("log.segment.bytes", Integer.toString(32 * 1024 * 1024));
    brokerSettings.put("log.retention.bytes", Integer.toString(128 * 1024 * 1024));
    brokerSettings.put("log.retention.check.interval.ms", "5000");
    log("starting the broker (data in " + dataDir + ")");
    broker = EmbeddedKafka.start(dataDir, 0, 0, brokerSettings);
    brokerStats = new ProcessStats(brokerPid());
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    admin = Admin.create(adminProps);
    log("broker ready on " + broker.bootstrapServers() + " (pid " + brokerStats.pid() + "); starting the proxy");
    proxy = ProxyProcess.start("proxy", options.jar(), broker.bootstrapServers(), options.proxySettings(), options.out(),
        options.jfr() ? options.out().resolve("proxy.jfr") : null);
    log("proxy ready on " + proxy.hostPort() + " (pid " + proxy.pid() + ")");
    if (withLingerZeroProxy) {
      Map<String, String> lingerZero = new HashMap<>(options.proxySettings());
      lingerZero.put("producer.linger.ms", "0");
      lingerZeroProxy = ProxyProcess.start("proxy-linger0", options.jar(), broker.bootstrapServers(), lingerZero,
          options.out(), null);
      log("proxy with producer.linger.ms=0 ready on " + lingerZeroProxy.hostPort() + " (pid "
          + lingerZeroProxy.pid() + ")");
    }
  }

  /** Deletes broker data left in /dev/shm by earlier runs that were killed (it holds memory until deleted). */
  private static void deleteStaleMemoryData() {
    Path shm = Path.of("/dev/shm");
    if (!Files.isDirectory(shm)) {
      return;
    }
    try (Stream<Path> entries = Files.list(shm)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.matches("kafka-rest-bench-[0-9]+")) {
          continue;
        }
        long pid = Long.parseLong(name.substring("kafka-rest-bench-".length()));
        if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
          log("deleting stale broker data " + entry);
          TestBroker.deleteRecursively(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("bench: could not clean /dev/shm: " + e);
    }
  }

  private static long brokerPid() {
    String mainClass = BrokerMain.class.getName();
    return ProcessHandle.current().children()
        .filter(child -> child.info().arguments().map(args -> Arrays.asList(args).contains(mainClass)).orElse(false)
            || child.info().commandLine().map(line -> line.contains(mainClass)).orElse(false))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Cannot find the broker's process"))
        .pid();
  }

  String bootstrapServers() {
    return require(broker).bootstrapServers();
  }

  ProcessStats brokerStats() {
    return require(brokerStats);
  }

  ProxyProcess proxy() {
    return require(proxy);
  }

  ProxyProcess lingerZeroProxy() {
    return require(lingerZeroProxy);
  }

  /**
   * Starts one more proxy on the broker, with the {@code bench.proxy} settings and then {@code settings};
   * it is stopped by {@link #close()}. With {@code bench.jfr=true} it is recorded to {@code <name>.jfr}.
   *
   * @param headers headers the proxy needs on every request (its readiness check sends them)
   */
  ProxyProcess startProxy(String name, Map<String, String> settings, String... headers) throws IOException {
    Map<String, String> all = new HashMap<>(options.proxySettings());
    all.putAll(settings);
    ProxyProcess started = ProxyProcess.start(name, options.jar(), bootstrapServers(), all, options.out(),
        options.jfr() ? options.out().resolve(name + ".jfr") : null, headers);
    synchronized (scenarioProxies) {
      scenarioProxies.add(started);
    }
    log(name + " ready on " + started.hostPort() + " (pid " + started.pid() + ")");
    return started;
  }

  Usage.Meter meter(@Nullable ProxyProcess measured) {
    return Usage.begin(measured == null ? null : measured.stats(), brokerStats());
  }

  void createTopic(String topic, int partitions) throws Exception {
    require(admin).createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    // Wait until every partition has a leader that answers offset requests.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        endOffsets(topic, partitions);
        return;
      } catch (Exception notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        ProxyProcess.sleep(100);
      }
    }
  }

  /** {@return the sum of the end offsets of the topic's partitions} */
  long endOffsets(String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return require(admin).listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
        .mapToLong(info -> info.offset()).sum();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<AutoCloseable> all = new ArrayList<>();
    synchronized (scenarioProxies) {
      all.addAll(scenarioProxies);
    }
    if (lingerZeroProxy != null) {
      all.add(lingerZeroProxy);
    }
    if (proxy != null) {
      all.add(proxy);
    }
    if (admin != null) {
      Admin a = admin;
      all.add(() -> a.close(java.time.Duration.ofSeconds(5)));
    }
    if (broker != null) {
      all.add(broker);
    }
    for (AutoCloseable closeable : all) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.err.println("bench: could not stop " + closeable + ": " + e);
      }
    }
    try {
      TestBroker.deleteRecursively(dataDir);
    } catch (RuntimeException e) {
      System.err.println("bench: could not delete " + dataDir + ": " + e);
    }
  }

  static void log(String message) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
  }

  private static <T> T require(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("The benchmark environment is not started");
    }
    return value;
  }
}
