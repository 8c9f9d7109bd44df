package dev.kafkarest.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HAProxy from the Debian package as the nodes' balancer: {@code mode tcp} with {@code balance roundrobin}, TCP
 * health checks, and a connection a backend refuses sent to the next one ({@code option redispatch}).
 *
 * <p>HAProxy logs each connection's backend server to its standard output as soon as it is connected ({@code
 * option logasap}), before any byte of the client's request reaches the node, so a client that has its answer
 * finds that line in the pipe: {@link #connections} reads what the pipe holds then, without waiting.
 */
final class HaproxyBalancer implements Balancer {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  /** The log line of a connection: the name of the server it went to. */
  private static final Pattern CONNECTION = Pattern.compile("^node-(\\d+)$");

  private final Process process;
  private final InputStream log;
  private final URI uri;
  private final Path directory;
  private final List<Integer> connections = new ArrayList<>();
  private final StringBuilder line = new StringBuilder();

  private HaproxyBalancer(Process process, URI uri, Path directory) {
    this.process = process;
    this.log = process.getInputStream();
    this.uri = uri;
    this.directory = directory;
  }

  /** {@return HAProxy's executable, on the PATH or where Debian puts it} */
  static Optional<Path> executable() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/sbin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "haproxy"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static HaproxyBalancer start(List<URI> backends) {
    Path haproxy = executable().orElseThrow(() -> new IllegalStateException("HAProxy is not installed"));
    try {
      Path directory = Files.createTempDirectory("haproxy-it");
      int port = freePort();
      int monitorPort = freePort();
      Path config = directory.resolve("haproxy.cfg");
      Files.writeString(config, config(port, monitorPort, backends));
      Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
          .redirectError(directory.resolve("haproxy.err").toFile())
          .start();
      HaproxyBalancer balancer = new HaproxyBalancer(process, URI.create("http://127.0.0.1:" + port), directory);
      balancer.awaitListening(monitorPort);
      return balancer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String config(int port, int monitorPort, List<URI> backends) {
    StringBuilder config = new StringBuilder()
        .append("global\n")
        .append("  log stdout format raw local0\n")
        .append("defaults\n")
        .append("  mode tcp\n")
        .append("  log global\n")
        // One line per connection: the server it went to, as soon as it is connected.
        .append("  log-format \"%s\"\n")
        .append("  option logasap\n")
        .append("  option redispatch 1\n")
        .append("  retries 2\n")
        .append("  timeout connect 1s\n")
        .append("  timeout client 1h\n")
        .append("  timeout server 1h\n")
        .append("frontend monitor\n")
        .append("  bind 127.0.0.1:").append(monitorPort).append('\n')
        .append("  no log\n")
        .append("  tcp-request connection reject\n")
        .append("frontend nodes\n")
        .append("  bind 127.0.0.1:").append(port).append('\n')
        .append("  default_backend nodes\n")
        .append("backend nodes\n")
        .append("  balance roundrobin\n")
        .append("  default-server check inter 250ms fall 1 rise 1\n");
    for (int i = 0; i < backends.size(); i++) {
      URI backend = backends.get(i);
      config.append("  server node-").append(i).append(' ').append(backend.getHost()).append(':')
          .append(backend.getPort()).append('\n');
    }
    return config.toString();
  }

  /** Waits for HAProxy's listeners: the monitor port accepts (and drops) a connection once they are bound. */
  private void awaitListening(int monitorPort) {
    try {
      Await.until(START_TIMEOUT, "HAProxy to listen", () -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("HAProxy exited at start with " + process.exitValue() + ": " + errors());
        }
        try (Socket probe = new Socket()) {
          probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), monitorPort), 200);
          return true;
        } catch (IOException notYet) {
          return false;
        }
      });
    } catch (AssertionError | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public String kind() {
    return "HAProxy (mode tcp, balance roundrobin)";
  }

  @Override
  public synchronized List<Integer> connections() {
    try {
      for (int available = log.available(); available > 0; available = log.available()) {
        byte[] bytes = log.readNBytes(available);
        for (char c : new String(bytes, StandardCharsets.US_ASCII).toCharArray()) {
          if (c == '\n') {
            Matcher server = CONNECTION.matcher(line);
            if (server.matches()) {
              connections.add(Integer.parseInt(server.group(1)));
            }
            line.setLength(0);
          } else {
            line.append(c);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(connections);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // A temporary directory left behind.
    }
  }

  private String errors() {
    try {
      return Files.readString(directory.resolve("haproxy.err"));
    } catch (IOException e) {
      return "(no error output: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
