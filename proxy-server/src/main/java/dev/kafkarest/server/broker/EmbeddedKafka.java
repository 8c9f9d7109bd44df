package dev.kafkarest.server.broker;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in a child JVM,
 * listening on loopback only, with its data in a local folder that survives restarts.
 *
 * <p>The broker's jars come from the {@code kafka-broker} folder that the build puts beside the
 * proxy's {@code lib} folder; the broker reuses the proxy's own jars (kafka-clients, Jackson, SLF4J)
 * from {@code lib}. {@link #start} returns once the broker answers an Admin request.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  /** Overrides where the {@code lib} and {@code kafka-broker} folders are looked up. */
  public static final String HOME_PROPERTY = "kafka.broker.home";

  private final Process process;
  private final String bootstrapServers;
  private final Path dataDir;

  private EmbeddedKafka(Process process, String bootstrapServers, Path dataDir) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
  }

  /**
   * Starts a broker whose data lives in {@code dataDir}.
   *
   * @param port the client port on 127.0.0.1, or 0 for a free one
   * @param controllerPort the controller port on 127.0.0.1, or 0 for a free one
   * @param settings extra broker settings (for example {@code auto.create.topics.enable})
   */
  public static EmbeddedKafka start(Path dataDir, int port, int controllerPort, Map<String, String> settings) {
    try {
      Files.createDirectories(dataDir);
      int clientPort = port == 0 ? freePort() : port;
      int quorumPort = controllerPort == 0 ? freePort() : controllerPort;
      Path config = writeConfig(dataDir, clientPort, quorumPort, settings);
      String bootstrap = "127.0.0.1:" + clientPort;
      Path log = dataDir.resolve("broker.log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
          "-Dkafkarest.root.level=WARN",
          "-cp", classPath(),
          BrokerMain.class.getName(), config.toString(), Long.toString(ProcessHandle.current().pid())));
      LOG.info("Starting an embedded Kafka broker on {} (data in {}, log in {})", bootstrap, dataDir, log);
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      EmbeddedKafka broker = new EmbeddedKafka(process, bootstrap, dataDir);
      broker.awaitReady(log);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded Kafka broker", e);
    }
  }

  /** {@return the broker's {@code bootstrap.servers}} */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** {@return the folder holding the broker's data and log} */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker (SIGTERM, then a forced kill after 20 s) and waits for it to exit. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        LOG.warn("The embedded Kafka broker did not stop within 20 s; killing it");
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LOG.info("Embedded Kafka broker stopped");
  }

  private void awaitReady(Path log) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // Until the port is open, every Admin attempt would log a WARN about the refused connection: wait for it first.
    awaitPortOpen(deadline);
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The embedded Kafka broker exited with code " + process.exitValue()
              + "; see " + log + tail(log));
        }
        try {
          if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get().isEmpty()) {
            LOG.info("Embedded Kafka broker ready on {}", bootstrapServers);
            return;
          }
        } catch (Exception notYet) {
          // keep polling until the deadline
        }
        sleep(100);
      }
    }
    close();
    throw new IllegalStateException("The embedded Kafka broker did not become ready within "
        + READY_TIMEOUT.toSeconds() + " s; see " + log + tail(log));
  }

  private void awaitPortOpen(long deadline) {
    int colon = bootstrapServers.lastIndexOf(':');
    InetSocketAddress address = new InetSocketAddress(bootstrapServers.substring(0, colon),
        Integer.parseInt(bootstrapServers.substring(colon + 1)));
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(address, 500);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
  }

  private static Path writeConfig(Path dataDir, int port, int controllerPort, Map<String, String> settings)
      throws IOException {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dataDir.resolve("kraft").toAbsolutePath().toString());
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", "2097152");
    props.putAll(settings);
    Path file = dataDir.resolve("broker.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "Embedded Kafka broker, written by the REST proxy at each start");
    }
    return file;
  }

  /**
   * The broker's class path: the {@code kafka-broker} jars, the proxy's {@code lib} jars and the
   * proxy's own jar (or classes folder), all found beside the code source of this class.
   */
  private static String classPath() {
    Path self;
    try {
      self = Path.of(EmbeddedKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the proxy's jar", e);
    }
    String override = System.getProperty(HOME_PROPERTY);
    Path home = override != null ? Path.of(override) : self.getParent();
    Path brokerLibs = home.resolve("kafka-broker");
    Path proxyLibs = home.resolve("lib");
    if (!Files.isDirectory(brokerLibs) || !Files.isDirectory(proxyLibs)) {
      throw new IllegalStateException("The embedded Kafka broker needs " + brokerLibs + " and " + proxyLibs
          + "; build them with ./mvnw package (or set " + HOME_PROPERTY + ")");
    }
    return String.join(File.pathSeparator, brokerLibs + File.separator + "*", proxyLibs + File.separator + "*",
        self.toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
    }
  }
}
