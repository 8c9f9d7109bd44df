package dev.kafkarest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The proxy under test in its own JVM with the launcher's default options: {@code java -Xms1g -Xmx1g
 * -XX:+UseG1GC -XX:+AlwaysPreTouch -jar kafka-rest-proxy.jar <properties>},
 * listening on a free port of 127.0.0.1, with its log in the output folder. {@link #close()} stops it
 * (SIGTERM, then a forced kill).
 */
final class ProxyProcess implements AutoCloseable {
  /**
   * The distribution launcher's default JVM options, so that the proxy is measured as shipped: its heap ({@code
   * KAFKAREST_HEAP_OPTS}), fixed so that it neither grows nor shrinks while it is measured (with only {@code
   * -Xmx1g} it started at 1/64 of the machine's memory and grew and shrank under C1's drains, and the kernel's
   * zeroing of the new pages was a fifth of the proxy's CPU in one profile), and its GC settings ({@code
   * KAFKAREST_JVM_PERFORMANCE_OPTS}: G1, and the heap's pages touched at start rather than by the first drains and
   * young collections that reach them).
   */
  static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch");
  private final String name;
  private final Process process;
  private final int port;
  private final ProcessStats stats;
  private final Path log;

  private ProxyProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.stats = new ProcessStats(process.pid());
    this.log = log;
  }

  /**
   * Starts a proxy and waits until {@code GET /} answers 200.
   *
   * @param settings extra proxy settings, for example {@code producer.linger.ms=0}; {@code ${port}} in a value
   *     is the proxy's port
   * @param jfr where to write a Java Flight Recording of the whole run, or null for none
   * @param headers headers of the readiness request, for example {@code Authorization} for a proxy that
   *     requires authentication
   */
  static ProxyProcess start(String name, Path jar, String bootstrapServers, Map<String, String> settings,
      Path dir, @Nullable Path jfr, String... headers) throws IOException {
    int port = freePort();
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("listeners", "http://127.0.0.1:" + port);
    props.put("id", name);
    settings.forEach((key, value) -> props.put(key, value.replace("${port}", Integer.toString(port))));
    Path config = dir.resolve(name + ".properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "Written by dev.kafkarest.bench.Benchmark");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JVM_OPTIONS);
    if (jfr != null) {
      command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
    }
    command.addAll(List.of("-jar", jar.toString(), config.toString()));
    Path log = dir.resolve(name + ".log");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    ProxyProcess proxy = new ProxyProcess(name, process, port, log);
    try {
      proxy.awaitReady(headers);
    } catch (RuntimeException | IOException e) {
      proxy.close();
      throw e;
    }
    return proxy;
  }

  private void awaitReady(String... headers) throws IOException {
    String[] all = new String[headers.length + 1];
    all[0] = "Accept: " + Payloads.V2_TYPE;
    System.arraycopy(headers, 0, all, 1, headers.length);
    byte[] root = HttpConnection.request("GET", "/", hostPort(), all, new byte[0]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Proxy " + name + " exited with code " + process.exitValue() + "; see " + log
            + "\n" + tail());
      }
      try (HttpConnection connection = new HttpConnection("127.0.0.1", port)) {
        if (connection.exchange(root) == 200) {
          return;
        }
      } catch (IOException notYet) {
        // keep trying
      }
      sleep(100);
    }
    throw new IOException("Proxy " + name + " did not answer GET / within 90 s; see " + log + "\n" + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  ProcessStats stats() {
    return stats;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
