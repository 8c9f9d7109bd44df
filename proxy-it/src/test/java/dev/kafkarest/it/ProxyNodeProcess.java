package dev.kafkarest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A proxy in its own JVM ({@code dev.kafkarest.server.Main} with a properties file), so that a test can
 * stop it as an operator would: {@link #kill()} is SIGKILL, {@link #close()} is SIGTERM. Its output goes to
 * {@code target/nodes/<name>.log}.
 */
public final class ProxyNodeProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final URI uri;
  private final Process process;
  private final Path log;

  private ProxyNodeProcess(String name, URI uri, Process process, Path log) {
    this.name = name;
    this.uri = uri;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a proxy listening on a free loopback port, with {@code settings} on top of {@code listeners}
   * ({@code ${port}} in a value is that port), and waits until {@code /healthz} answers 200.
   */
  public static ProxyNodeProcess start(String name, Map<String, String> settings) {
    ProxyNodeProcess node = launch(name, settings);
    node.awaitHealthy();
    return node;
  }

  /** Like {@link #start} for several proxies at once: all are launched, then each is awaited. */
  public static List<ProxyNodeProcess> startAll(Map<String, Map<String, String>> settingsByName) {
    List<ProxyNodeProcess> nodes = new ArrayList<>();
    settingsByName.forEach((name, settings) -> nodes.add(launch(name, settings)));
    try {
      nodes.forEach(ProxyNodeProcess::awaitHealthy);
    } catch (RuntimeException | AssertionError e) {
      nodes.forEach(ProxyNodeProcess::kill);
      throw e;
    }
    return nodes;
  }

  private static ProxyNodeProcess launch(String name, Map<String, String> settings) {
    int port = freePort();
    URI uri = URI.create("http://127.0.0.1:" + port);
    Map<String, String> all = new TreeMap<>(settings);
    all.put("listeners", uri.toString());
    all.replaceAll((key, value) -> value.replace("${port}", Integer.toString(port)));
    try {
      Path dir = Files.createDirectories(Path.of("target", "nodes"));
      Path config = dir.resolve(name + ".properties");
      Properties properties = new Properties();
      properties.putAll(all);
      try (Writer out = Files.newBufferedWriter(config)) {
        properties.store(out, "proxy node " + name);
      }
      Path log = dir.resolve(name + ".log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), "dev.kafkarest.server.Main", config.toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      return new ProxyNodeProcess(name, uri, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public URI uri() {
    return uri;
  }

  public int port() {
    return uri.getPort();
  }

  /** SIGKILL: the process ends at once, without closing anything. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM: the proxy shuts down gracefully. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      waitFor();
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest probe = HttpRequest.newBuilder(uri.resolve("/healthz")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("proxy node " + name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (client.send(probe, BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    process.destroyForcibly();
    throw new AssertionError("proxy node " + name + " did not become healthy in " + START_TIMEOUT + "; see " + log);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
