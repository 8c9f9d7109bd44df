package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as an operator uses it: unpacked, started with {@code bin/kafka-rest-start} and
 * the shipped example file (its {@code bootstrap.servers} and listener overridden by {@code KAFKA_REST_*}
 * variables), the launcher passing {@code KAFKAREST_HEAP_OPTS} and {@code KAFKAREST_OPTS} to the JVM, the
 * log in JSON lines; it answers its probes and stops on SIGTERM.
 */
@ProxyTest
class DistributionIT {
  private final KafkaTestClient kafka;

  DistributionIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @Test
  void archive_unpackedAndStartedWithTheLauncher_servesProbesAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    Path home = unpack(dir);
    assertTrue(Files.isExecutable(home.resolve("bin/kafka-rest-start")));
    assertTrue(Files.isRegularFile(home.resolve("config/kafka-rest.properties")));
    int port = freePort();
    Path log = dir.resolve("proxy.log");
    ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/kafka-rest-start").toString(),
        home.resolve("config/kafka-rest.properties").toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
    launcher.environment().put("KAFKAREST_HEAP_OPTS", "-Xmx256m");
    launcher.environment().put("KAFKAREST_OPTS", "-Ddistribution.it=true");
    launcher.environment().put("KAFKA_REST_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    launcher.environment().put("KAFKA_REST_LISTENERS", "http://127.0.0.1:" + port);
    launcher.environment().put("KAFKA_REST_LOG_FORMAT", "json");
    Process proxy = launcher.start();
    try {
      ProxyClient client = new ProxyClient(URI.create("http://127.0.0.1:" + port));
      HttpResult live = Await.until(Duration.ofSeconds(60), "the launched proxy's /healthz", () -> {
        assertTrue(proxy.isAlive(), () -> "the proxy exited: " + read(log));
        return probe(client, "/healthz");
      }, r -> r != null && r.status() == 200);
      HttpResult ready = Await.until(Duration.ofSeconds(30), "the launched proxy's /readyz",
          () -> probe(client, "/readyz"), r -> r != null && r.status() == 200);

      assertEquals("UP", live.json().get("status").textValue());
      assertEquals("UP", ready.json().get("status").textValue());
      List<String> arguments = List.of(proxy.info().arguments().orElse(new String[0]));
      assertTrue(arguments.contains("-Xmx256m") && arguments.contains("-Ddistribution.it=true"), arguments::toString);
      String firstLine = read(log).lines().findFirst().orElse("");
      assertTrue(firstLine.startsWith("{\"time\":\"") && firstLine.endsWith("}"), firstLine);
    } finally {
      proxy.destroy();
      boolean stopped = proxy.waitFor(30, TimeUnit.SECONDS);
      if (!stopped) {
        proxy.destroyForcibly();
      }
      assertTrue(stopped, () -> "the proxy did not stop on SIGTERM: " + read(log));
    }
  }

  @Test
  void launcher_jaasConfigWithAPasswordTypo_exitsWithoutShowingItsWords(@TempDir Path dir) throws Exception {
    Path home = unpack(dir);
    ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/kafka-rest-start").toString(),
        home.resolve("config/kafka-rest.properties").toString())
        .redirectErrorStream(true);
    launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
    launcher.environment().put("KAFKAREST_HEAP_OPTS", "-Xmx256m");
    launcher.environment().put("KAFKA_REST_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    launcher.environment().put("KAFKA_REST_LISTENERS", "http://127.0.0.1:" + freePort());
    launcher.environment().put("KAFKA_REST_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    launcher.environment().put("KAFKA_REST_CLIENT_SASL_MECHANISM", "PLAIN");
    // An unquoted password with a space: Kafka's JAAS parser quotes the word after the value in its message.
    launcher.environment().put("KAFKA_REST_CLIENT_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=u password=hunter2 tail7secret;");

    Process proxy = launcher.start();
    String output = new String(proxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proxy.waitFor(60, TimeUnit.SECONDS), output);

    assertEquals(1, proxy.exitValue(), output);
    assertTrue(output.contains("Cannot start") && output.contains("JAAS config"), output);
    assertFalse(output.contains("tail7secret") || output.contains("hunter2"), output);
  }

  @Test
  void launcher_withoutJvmVariables_startsJavaWithAFixedHeapAndG1WithItsOwnPauseTarget(@TempDir Path dir) throws Exception {
    Path home = unpack(dir);
    // A stand-in java that prints the arguments it was given, one per line.
    Path fakeJava = Files.createDirectories(dir.resolve("fake-jdk/bin")).resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    assertTrue(fakeJava.toFile().setExecutable(true));
    ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/kafka-rest-start").toString())
        .redirectErrorStream(true);
    launcher.environment().keySet()
        .removeIf(name -> name.contains("HEAP_OPTS") || name.contains("PERFORMANCE_OPTS"));
    launcher.environment().put("JAVA_HOME", dir.resolve("fake-jdk").toString());

    Process process = launcher.start();
    List<String> arguments =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, process.waitFor());

    // A heap that grows under load, or whose pages are first touched under load, has the kernel zero each new page
    // on the request path and inside young collections (benchmarks.md, ninth wave).
    assertTrue(arguments.containsAll(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch")),
        arguments::toString);
    // G1's own pause target: 20 ms kept concurrent marking running at 1,000 idle instances (benchmarks.md, C3).
    assertTrue(arguments.stream().noneMatch(argument -> argument.startsWith("-XX:MaxGCPauseMillis")),
        arguments::toString);
  }

  private static Path unpack(Path dir) throws IOException, InterruptedException {
    Path archive = Path.of(System.getProperty("kafka.broker.home"), "kafka-rest-proxy-dist.tar.gz");
    assertTrue(Files.isRegularFile(archive), "build it with ./mvnw -pl proxy-server package: " + archive);
    run(List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()));
    return dir.resolve("kafka-rest-proxy");
  }

  private static HttpResult probe(ProxyClient client, String path) {
    try {
      return client.get(path);
    } catch (UncheckedIOException notListeningYet) {
      return null;
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), () -> command + ": " + output);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
