package dev.kafkarest.it.faults;

import dev.kafkarest.it.TestBroker;
import dev.kafkarest.server.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A broker of one test class, in its own child JVM, on fixed ports and a fixed data folder, so that it can
 * be stopped (SIGTERM) and started again with its data. {@link #close()} stops it and deletes the data.
 */
final class RestartableBroker implements AutoCloseable {
  private static final Map<String, String> SETTINGS = Map.of("auto.create.topics.enable", "false");

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private @Nullable EmbeddedKafka running;

  private RestartableBroker(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  static RestartableBroker start(String name) {
    try {
      RestartableBroker broker = new RestartableBroker(Files.createTempDirectory(name + "-"), freePort(), freePort());
      broker.startAgain();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a broker for " + name, e);
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Stops the broker (SIGTERM, as an operator's restart would) and waits for it to exit. */
  void stop() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  /**
   * Starts the stopped broker again on the same ports and data.
   *
   * @return how long until it answered an Admin request
   */
  Duration startAgain() {
    long start = System.nanoTime();
    running = EmbeddedKafka.start(dataDir, port, controllerPort, SETTINGS);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Starts the broker again if a test stopped it and failed before starting it. */
  void ensureRunning() {
    if (running == null) {
      startAgain();
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      TestBroker.deleteRecursively(dataDir);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
