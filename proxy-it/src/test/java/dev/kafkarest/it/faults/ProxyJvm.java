package dev.kafkarest.it.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The proxy in a JVM of its own, started from the packaged {@code kafka-rest-proxy.jar} as an operator
 * would ({@code java -jar kafka-rest-proxy.jar file.properties}), so that a test can send it a real
 * SIGTERM ({@link #terminate}) or SIGKILL ({@link #kill}). Its output goes to {@code <name>.log} under
 * {@code java.io.tmpdir}. Used by the fault tests and by the multi-node test.
 */
public final class ProxyJvm implements AutoCloseable {
  /** Where the build puts the proxy's jar, its {@code lib} and the broker's jars. */
  static final String HOME_PROPERTY = "kafka.broker.home";

  private final Process process;
  private final int port;
  private final Path log;

  private ProxyJvm(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a proxy on a free port of 127.0.0.1 and waits until {@code GET /} answers 200. {@code ${port}}
   * in a setting's value is that port.
   */
  public static ProxyJvm start(String name, String bootstrapServers, Map<String, String> settings) throws IOException {
    ProxyJvm proxy = launch(name, bootstrapServers, settings);
    proxy.awaitReady(name);
    return proxy;
  }

  /** Like {@link #start} for several proxies at once: all are launched, then each is awaited. */
  public static List<ProxyJvm> startAll(String bootstrapServers, Map<String, Map<String, String>> settingsByName)
      throws IOException {
    Map<String, ProxyJvm> launched = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Map<String, String>> entry : settingsByName.entrySet()) {
        launched.put(entry.getKey(), launch(entry.getKey(), bootstrapServers, entry.getValue()));
      }
      for (Map.Entry<String, ProxyJvm> entry : launched.entrySet()) {
        entry.getValue().awaitReady(entry.getKey());
      }
    } catch (IOException | RuntimeException e) {
      launched.values().forEach(ProxyJvm::close);
      throw e;
    }
    return List.copyOf(launched.values());
  }

  private static ProxyJvm launch(String name, String bootstrapServers, Map<String, String> settings)
      throws IOException {
    Path jar = Path.of(System.getProperty(HOME_PROPERTY, "../proxy-server/target"), "kafka-rest-proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl proxy-it -am verify");
    }
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    int port = freePort();
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("listeners", "http://127.0.0.1:" + port);
    settings.forEach((key, value) -> props.put(key, value.replace("${port}", Integer.toString(port))));
    Path config = dir.resolve(name + ".properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "Written by " + ProxyJvm.class.getName());
    }
    Path log = dir.resolve(name + ".log");
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar.toString(), config.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    return new ProxyJvm(process, port, log);
  }

  private void awaitReady(String name) throws IOException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest root = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        close();
        throw new IllegalStateException("Proxy " + name + " exited with " + process.exitValue() + "\n" + logTail());
      }
      try {
        if (client.send(root, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // keep trying
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      BrokerFaultsIT.sleepMillis(100);
    }
    close();
    throw new IOException("Proxy " + name + " did not answer within 90 s\n" + logTail());
  }

  int port() {
    return port;
  }

  /** {@return {@code http://127.0.0.1:<port>}} */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Sends SIGTERM and waits for the process to exit.
   *
   * @return the exit code
   */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("Proxy did not exit within " + timeout + " of SIGTERM\n" + logTail());
    }
    return process.exitValue();
  }

  /** Sends SIGKILL and waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** {@return whether the process still runs} */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@return the proxy's whole log} */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logTail() {
    String text = log();
    return text.substring(Math.max(0, text.length() - 4_000));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
