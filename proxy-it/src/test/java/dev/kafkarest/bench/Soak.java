package dev.kafkarest.bench;

import dev.kafkarest.it.TestBroker;
import dev.kafkarest.server.broker.EmbeddedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The soak run: the packaged proxy in its own JVM, under mixed load for {@code -Dsoak.minutes} (30 by
 * default; 2 for the smoke run): paced binary produce, a long-polling consumer instance that commits, and
 * instance churn (create, subscribe, read, delete). Every {@code -Dsoak.sample.seconds} (10) it samples the
 * proxy's RSS, heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), threads and open file
 * descriptors; at the end it writes {@code soak-report.md} and {@code soak-samples.csv} to
 * {@code -Dsoak.out} and exits 1 when a figure grows without bound ({@link SoakTrend}) or requests failed.
 *
 * <p>Run: {@code ./mvnw -B -Psoak -pl proxy-it -am verify -Dsoak.minutes=2}.
 */
public final class Soak {
  private static final Pattern HEAP_USED = Pattern.compile("(?m)heap\\s+total\\s+\\d+K, used (\\d+)K");
  private static final List<SoakTrend> TRENDS = List.of(
      new SoakTrend("RSS", "MB", 64),
      new SoakTrend("heap after GC", "MB", 8),
      new SoakTrend("threads", "", 5),
      new SoakTrend("open fds", "", 20));

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final String base;
  private final String topic;

  private Soak(int port, String topic) {
    this.base = "http://127.0.0.1:" + port;
    this.topic = topic;
  }

  public static void main(String[] args) throws Exception {
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "30"));
    int sampleSeconds = Integer.parseInt(System.getProperty("soak.sample.seconds", "10"));
    Path out = Path.of(System.getProperty("soak.out", "target/soak"));
    Path jar = Path.of(System.getProperty("soak.jar", "../proxy-server/target/kafka-rest-proxy.jar"));
    Files.createDirectories(out);
    if (System.getProperty(EmbeddedKafka.HOME_PROPERTY) == null) {
      System.setProperty(EmbeddedKafka.HOME_PROPERTY, jar.toAbsolutePath().getParent().toString());
    }
    Path data = out.resolve("kafka-data");
    TestBroker.deleteRecursively(data);
    log("starting the broker");
    try (EmbeddedKafka broker = EmbeddedKafka.start(data, 0, 0, Map.of("auto.create.topics.enable", "false"))) {
      String topic = "soak";
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      log("starting the proxy");
      // The launcher's options touch the fixed heap at start: RSS then grows only with what is not heap, which is
      // what its trend is for.
      try (ProxyProcess proxy = ProxyProcess.start("soak-proxy", jar, broker.bootstrapServers(),
          Map.of("consumer.instance.timeout.ms", "60000"), out, null)) {
        boolean ok = new Soak(proxy.port(), topic).run(proxy, minutes, sampleSeconds, out);
        log(ok ? "soak passed" : "soak FAILED");
        if (!ok) {
          System.exit(1);
        }
      }
    } finally {
      TestBroker.deleteRecursively(data);
    }
  }

  private boolean run(ProxyProcess proxy, double minutes, int sampleSeconds, Path out) throws Exception {
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int worker = i;
      workers.add(start("soak-produce-" + i, () -> produce(worker)));
    }
    workers.add(start("soak-long-poll", this::longPoll));
    workers.add(start("soak-churn", this::churn));
    long startNanos = System.nanoTime();
    long endNanos = startNanos + (long) (minutes * 60e9);
    List<Double> at = new ArrayList<>();
    List<double[]> samples = new ArrayList<>();
    StringBuilder csv = new StringBuilder("minute,rss_mb,heap_after_gc_mb,threads,open_fds\n");
    // At least 6 samples, which the trends need, even when sampling is slow on a loaded machine.
    while (System.nanoTime() < endNanos || samples.size() < 6) {
      ProxyProcess.sleep(TimeUnit.SECONDS.toMillis(sampleSeconds));
      double minute = (System.nanoTime() - startNanos) / 60e9;
      double heap = heapAfterGcMb(proxy.pid());
      double[] sample = {proxy.stats().rssBytes() / 1048576.0, heap, proxy.stats().threads().total(),
          openFds(proxy.pid())};
      at.add(minute);
      samples.add(sample);
      csv.append(String.format("%.2f,%.1f,%.1f,%.0f,%.0f%n", minute, sample[0], sample[1], sample[2], sample[3]));
      log(String.format("t=%.1f min rss=%.0f MB heap-after-gc=%.1f MB threads=%.0f fds=%.0f %s", minute, sample[0],
          sample[1], sample[2], sample[3], new TreeMap<>(counts())));
    }
    stopping.set(true);
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(30));
    }
    StringBuilder report = new StringBuilder();
    report.append(String.format("Soak: %.1f minutes, %d samples every %d s, proxy pid %d%n%n", minutes,
        samples.size(), sampleSeconds, proxy.pid()));
    report.append("| Figure | First | Last | Max | Slope after warm-up | Verdict |\n|---|---|---|---|---|---|\n");
    boolean bounded = true;
    for (int i = 0; i < TRENDS.size(); i++) {
      int column = i;
      SoakTrend.Verdict verdict = TRENDS.get(i).judge(at, samples.stream().map(s -> s[column]).toList());
      bounded &= verdict.bounded();
      report.append(verdict.row()).append('\n');
    }
    Map<String, Long> counts = counts();
    long failed = counts.entrySet().stream().filter(e -> e.getKey().startsWith("failed")).mapToLong(Map.Entry::getValue)
        .sum();
    report.append("\nRequests: ").append(counts).append('\n');
    Files.writeString(out.resolve("soak-report.md"), report.toString(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("soak-samples.csv"), csv.toString(), StandardCharsets.UTF_8);
    System.out.println(report);
    return bounded && failed == 0;
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    outcomes.forEach((k, v) -> counts.put(k, v.sum()));
    return counts;
  }

  private Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** About 20 requests of 10 records per second per worker. */
  private void produce(int worker) {
    long seq = 0;
    while (!stopping.get()) {
      StringBuilder body = new StringBuilder("{\"records\":[");
      for (int i = 0; i < 10; i++) {
        String value = Base64.getEncoder().encodeToString(("w" + worker + "-" + seq++).getBytes(StandardCharsets.UTF_8));
        body.append(i == 0 ? "" : ",").append("{\"value\":\"").append(value).append("\"}");
      }
      call("produce", "POST", "/topics/" + topic, "application/vnd.kafka.binary.v2+json", body.append("]}").toString(),
          200);
      ProxyProcess.sleep(50);
    }
  }

  /** One instance that long-polls (1 s) and commits after each read, recreated if it expires. */
  private void longPoll() {
    String group = "soak-reader";
    while (!stopping.get()) {
      String instance = createAndSubscribe(group, "reader");
      while (instance != null && !stopping.get()) {
        int status = call("long-poll", "GET", instance + "/records?timeout=1000", null, null, 200);
        if (status != 200) {
          break;
        }
        call("commit", "POST", instance + "/offsets", "application/vnd.kafka.v2+json", "", 200, 204);
      }
      if (instance != null) {
        call("delete", "DELETE", instance, null, null, 204);
      }
    }
  }

  /** Instance churn: create, subscribe, one short read, delete; about 5 a second. */
  private void churn() {
    long n = 0;
    while (!stopping.get()) {
      String instance = createAndSubscribe("soak-churn-" + (n % 10), "c" + n++);
      if (instance != null) {
        call("churn-read", "GET", instance + "/records?timeout=100", null, null, 200);
        call("delete", "DELETE", instance, null, null, 204);
      }
      ProxyProcess.sleep(100);
    }
  }

  private String createAndSubscribe(String group, String name) {
    int created = call("create", "POST", "/consumers/" + group, "application/vnd.kafka.v2+json",
        "{\"name\":\"" + name + "\",\"format\":\"binary\",\"auto.offset.reset\":\"latest\"}", 200);
    if (created != 200) {
      return null;
    }
    String instance = "/consumers/" + group + "/instances/" + name;
    int subscribed = call("subscribe", "POST", instance + "/subscription", "application/vnd.kafka.v2+json",
        "{\"topics\":[\"" + topic + "\"]}", 204);
    return subscribed == 204 ? instance : null;
  }

  /** Sends a request and counts its outcome; {@return the status, or -1 when no response came} */
  private int call(String what, String method, String path, String contentType, String body, int... ok) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/vnd.kafka.binary.v2+json, application/vnd.kafka.v2+json");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    int status;
    try {
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    int seen = status;
    boolean good = Arrays.stream(ok).anyMatch(s -> s == seen);
    outcomes.computeIfAbsent(good ? what : "failed " + what + " " + status, k -> new LongAdder()).increment();
    return status;
  }

  private static double heapAfterGcMb(long pid) {
    jcmd(pid, "GC.run");
    Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
          .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return output;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static double openFds(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  private static void log(String message) {
    System.out.printf("[soak %tT] %s%n", System.currentTimeMillis(), message);
  }
}
