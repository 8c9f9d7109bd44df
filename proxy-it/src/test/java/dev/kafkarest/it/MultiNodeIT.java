package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.it.faults.ProxyJvm;
import dev.kafkarest.server.metrics.PrometheusText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three proxy processes behind a plain round-robin TCP balancer ({@link Balancer}: HAProxy when installed),
 * sharing consumer instances through Kafka ({@code nodes.enable}). Every call opens a new connection, so
 * consecutive calls land on different nodes, as behind a balancer without sticky sessions.
 */
@ProxyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {
  private static final int NODES = 3;
  private static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(3);
  private static final int FORWARD_THREADS = 2;

  private final KafkaTestClient kafka;
  private final List<ProxyJvm> nodes = new ArrayList<>();
  private Balancer balancer;

  MultiNodeIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  void startNodes() throws IOException {
    String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
    String topic = KafkaTestClient.uniqueName("_kafka-rest-nodes-it");
    Map<String, Map<String, String>> settingsByName = new LinkedHashMap<>();
    for (int i = 0; i < NODES; i++) {
      Map<String, String> settings = new HashMap<>();
      settings.put("id", "node-" + i);
      settings.put("nodes.enable", "true");
      settings.put("nodes.secret", secret);
      settings.put("nodes.topic", topic);
      settings.put("nodes.advertised.url", "http://127.0.0.1:${port}");
      settings.put("nodes.heartbeat.interval.ms", "300");
      settings.put("nodes.failure.timeout.ms", Long.toString(FAILURE_TIMEOUT.toMillis()));
      // A killed node's consumers leave their group after the broker's smallest session timeout.
      settings.put("consumer.session.timeout.ms", "6000");
      settings.put("consumer.heartbeat.interval.ms", "1000");
      // Fewer forwarding threads than the streams forwardedStreams_holdNoForwardingThread opens.
      settings.put("nodes.forward.threads", Integer.toString(FORWARD_THREADS));
      settingsByName.put("node-" + i, settings);
    }
    nodes.addAll(ProxyJvm.startAll(kafka.bootstrapServers(), settingsByName));
    balancer = Balancer.start(nodes.stream().map(ProxyJvm::uri).toList());
  }

  @AfterAll
  void stopNodes() {
    if (balancer != null) {
      balancer.close();
    }
    nodes.forEach(ProxyJvm::close);
  }

  @Test
  @Order(1)
  void consumerFlow_throughTheBalancer_worksWhicheverNodeEachCallLandsOn() {
    String topic = kafka.createTopic("nodes-flow", 3);
    String group = KafkaTestClient.uniqueName("nodes-flow");
    int count = 30;
    String records = IntStream.range(0, count)
        .mapToObj(i -> "{\"value\":\"" + Payloads.b64("record-" + i) + "\",\"partition\":" + (i % 3) + "}")
        .collect(Collectors.joining(",", "{\"records\":[", "]}"));
    assertEquals(200, fresh().produce(topic, MediaTypes.BINARY_V2, records).status());
    int before = balancer.connections().size();

    RestConsumer created = RestConsumer.create(fresh(), group, "{\"name\":\"c1\",\"format\":\"binary\","
        + "\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
    assertEquals(204, on(created).subscribe(topic).status());
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (values.size() < count && System.nanoTime() < deadline) {
      HttpResult read = on(created).read(MediaTypes.BINARY_V2, 1_000);
      assertEquals(200, read.status(), () -> "read through the balancer: " + read);
      read.json().forEach(record -> values.add(new String(Base64.getDecoder().decode(record.get("value").textValue()), StandardCharsets.UTF_8)));
    }
    assertEquals(IntStream.range(0, count).mapToObj(i -> "record-" + i).collect(Collectors.toCollection(TreeSet::new)),
        new TreeSet<>(values), "every record, read through whichever node");
    assertEquals(200, on(created).commit().status());
    HttpResult committed = on(created).committed(topic, 0, 1, 2);
    assertEquals(200, committed.status(), committed::toString);
    long committedTotal = 0;
    for (JsonNode offset : committed.json().get("offsets")) {
      committedTotal += offset.get("offset").asLong();
    }
    assertEquals(count, committedTotal, "committed offsets cover every record: " + committed);
    HttpResult subscription = fresh().get(created.path() + "/subscription");
    assertEquals(200, subscription.status());
    assertEquals(topic, subscription.json().get("topics").get(0).textValue());
    assertEquals(204, on(created).delete().status());
    assertError(fresh().get(created.path() + "/subscription"), 404, 40403);

    List<Integer> landed = balancer.connections().subList(before, balancer.connections().size());
    assertTrue(landed.size() >= 8, "calls made: " + landed);
    for (int i = 1; i < landed.size(); i++) {
      assertNotEquals(landed.get(i - 1), landed.get(i), "consecutive calls on different nodes: " + landed);
    }
    // The meters: every node sees three live nodes, and the calls that landed off the owner were forwarded.
    int owner = landed.get(0);
    long elsewhere = landed.subList(1, landed.size() - 1).stream().filter(node -> node != owner).count();
    assertTrue(nodeCalls("forwarded") >= elsewhere, () -> "forwarded " + nodeCalls("forwarded") + " of " + elsewhere);
    for (ProxyJvm node : nodes) {
      assertEquals(NODES, scrape(node).sum("kafka_rest_nodes_live", Map.of()), node.uri()::toString);
    }
  }

  @Test
  @Order(2)
  void forgedForwardingHeaders_areRefused() {
    HttpResult forged = new ProxyClient(nodes.get(0).uri()).get("/consumers/g/instances/i/subscription",
        "Kafka-Rest-Forwarded-Identity", "eyJuYW1lIjoiYWRtaW4iLCJncm91cHMiOltdLCJhdXRoZW50aWNhdGVkIjp0cnVlfQ",
        "Kafka-Rest-Forwarded-At", Long.toString(System.currentTimeMillis()),
        "Kafka-Rest-Forwarded-Signature", "AAAA");
    assertError(forged, 401, 40101);
  }

  /**
   * A browser's same-origin call (the console's) for an instance another node holds: the node it reached checks the
   * Origin against itself; the owner, whose own origin differs, must not refuse it as cross-origin.
   */
  @Test
  @Order(2)
  void sameOriginCall_forwardedToTheOwner_isNotRefusedAsCrossOrigin() {
    String topic = kafka.createTopic("nodes-origin", 1);
    RestConsumer created = RestConsumer.create(new ProxyClient(nodes.get(0).uri()), KafkaTestClient.uniqueName("o"),
        "{\"format\":\"binary\"}");
    URI other = nodes.get(1).uri();
    String origin = other.getScheme() + "://" + other.getRawAuthority();

    HttpResult subscribed = new ProxyClient(other).post(created.path() + "/subscription", MediaTypes.V2,
        "{\"topics\":[\"" + topic + "\"]}", "Origin", origin);

    assertEquals(204, subscribed.status(), subscribed::toString);
    assertEquals(204, created.delete().status());
  }

  @Test
  @Order(3)
  void forwardedStreams_holdNoForwardingThread_andDeliverRecords() throws Exception {
    String topic = kafka.createTopic("nodes-streams", 1);
    ProxyClient owner = new ProxyClient(nodes.get(0).uri());
    URI other = nodes.get(1).uri();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<RestConsumer> consumers = new ArrayList<>();
    List<HttpResponse<InputStream>> streams = new ArrayList<>();
    try {
      for (int i = 0; i < 2 * FORWARD_THREADS; i++) {
        RestConsumer consumer = RestConsumer.create(owner, KafkaTestClient.uniqueName("nodes-stream"),
            "{\"name\":\"s\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
        consumers.add(consumer);
        assertEquals(204, consumer.subscribe(topic).status());
        HttpRequest open = HttpRequest.newBuilder(URI.create(other + consumer.path() + "/records"))
            .header("Accept", "application/x-ndjson").GET().build();
        HttpResponse<InputStream> stream = http.send(open, BodyHandlers.ofInputStream());
        streams.add(stream);
        assertEquals(200, stream.statusCode(), "a stream of node-0's instance, opened on node-1");
      }

      // More forwarded streams are open than node-1 has forwarding threads: its other forwarded calls still answer.
      long start = System.nanoTime();
      HttpResult subscription = new ProxyClient(other).get(consumers.get(0).path() + "/subscription");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(200, subscription.status(), subscription::toString);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "a forwarded call beside the streams took " + took);
      String requestId = subscription.header("X-Request-Id");
      assertTrue(requestId != null && requestId.matches("[0-9a-f]{32}"), "node-1's own id: " + requestId);
      long logDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!nodes.get(0).log().contains("request_id=" + requestId) && System.nanoTime() < logDeadline) {
        Thread.sleep(50);
      }
      assertTrue(nodes.get(0).log().contains("request_id=" + requestId),
          "the owner's access log names the forwarding node's request id " + requestId);

      assertEquals(200, owner.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":{\"n\":1}}]}").status());
      InputStream first = streams.get(0).body();
      String line = CompletableFuture.supplyAsync(() -> firstLine(first)).get(30, TimeUnit.SECONDS);
      assertTrue(line.contains("\"value\":{\"n\":1}"), "the record, relayed through node-1: " + line);
    } finally {
      for (HttpResponse<InputStream> stream : streams) {
        stream.body().close();
      }
      consumers.forEach(RestConsumer::delete);
    }
  }

  private static String firstLine(InputStream in) {
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        line.write(b);
      }
      return line.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills a node. */
  @Test
  @Order(4)
  void ownerKilled_itsInstancesAnswer40403_andANewInstanceContinuesFromTheCommittedOffsets()
      throws InterruptedException {
    String topic = kafka.createTopic("nodes-failover", 1);
    String group = KafkaTestClient.uniqueName("nodes-failover");
    int count = 20;
    String records = IntStream.range(0, count)
        .mapToObj(i -> "{\"value\":\"" + Payloads.b64("r" + i) + "\"}")
        .collect(Collectors.joining(",", "{\"records\":[", "]}"));
    assertEquals(200, fresh().produce(topic, MediaTypes.BINARY_V2, records).status());

    int createdOn = balancer.connections().size();
    RestConsumer first = RestConsumer.create(fresh(), group, "{\"name\":\"first\",\"format\":\"binary\","
        + "\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
    int owner = balancer.connections().get(createdOn);
    assertEquals(204, on(first).subscribe(topic).status());
    List<JsonNode> read = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (read.size() <= 10 && System.nanoTime() < deadline) {
      HttpResult result = on(first).read(MediaTypes.BINARY_V2, 1_000);
      assertEquals(200, result.status(), result::toString);
      result.json().forEach(read::add);
    }
    assertTrue(read.size() > 10, "read past the ten to commit: " + read.size());
    // As in Confluent's API, the commit names the last record consumed: offsets 0 to 9.
    assertEquals(200, on(first).commit(topic, 0, 9).status(), "commit the first ten");

    nodes.get(owner).kill();

    HttpResult lost = Await.until(FAILURE_TIMEOUT.multipliedBy(4), "404 for the dead node's instance",
        () -> fresh().get(first.path() + "/subscription"), result -> result.status() == 404);
    assertError(lost, 404, 40403);
    assertTrue(lost.json().get("message").textValue().contains("node-" + owner), lost.body());
    assertTrue(nodeCalls("owner_gone") >= 1, "counted on the node that answered the 404");

    RestConsumer second = RestConsumer.create(fresh(), group, "{\"name\":\"second\",\"format\":\"binary\","
        + "\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
    assertEquals(204, on(second).subscribe(topic).status());
    List<Long> offsets = new ArrayList<>();
    deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (offsets.size() < count - 10 && System.nanoTime() < deadline) {
      HttpResult result = on(second).read(MediaTypes.BINARY_V2, 1_000);
      assertEquals(200, result.status(), result::toString);
      result.json().forEach(record -> offsets.add(record.get("offset").asLong()));
    }
    assertEquals(LongStream.range(10, count).boxed().toList(), offsets, "the new instance reads on from the committed offset");
    assertEquals(204, on(second).delete().status());
  }

  /**
   * Last: it kills a second node. Two instances of one group live on the two nodes left; when one's node dies, the
   * group hands its partition to the other, which reads on from the committed offset.
   */
  @Test
  @Order(5)
  void ownerKilled_theGroupsInstanceOnALiveNode_takesOverItsPartitionFromTheCommittedOffset()
      throws InterruptedException {
    String topic = kafka.createTopic("nodes-rebalance", 2);
    String group = KafkaTestClient.uniqueName("nodes-rebalance");
    String settings = "\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}";
    int createdOn = balancer.connections().size();
    RestConsumer doomed = RestConsumer.create(fresh(), group, "{\"name\":\"doomed\"," + settings);
    int doomedNode = balancer.connections().get(createdOn);
    createdOn = balancer.connections().size();
    RestConsumer survivor = RestConsumer.create(fresh(), group, "{\"name\":\"survivor\"," + settings);
    assertNotEquals(doomedNode, balancer.connections().get(createdOn), "round robin: the next live node");
    assertEquals(204, on(doomed).subscribe(topic).status());
    assertEquals(204, on(survivor).subscribe(topic).status());
    // Both read (and so rejoin) until the group gave each one partition.
    Await.until(Duration.ofSeconds(40), "one partition each", () -> {
      assertEquals(200, on(doomed).read(MediaTypes.BINARY_V2, 200).status());
      assertEquals(200, on(survivor).read(MediaTypes.BINARY_V2, 200).status());
      return assignedPartitions(doomed).size() == 1 && assignedPartitions(survivor).size() == 1;
    });
    int doomedPartition = assignedPartitions(doomed).get(0);
    int count = 10;
    String records = IntStream.range(0, 2 * count)
        .mapToObj(i -> "{\"value\":\"" + Payloads.b64("r" + i) + "\",\"partition\":" + (i % 2) + "}")
        .collect(Collectors.joining(",", "{\"records\":[", "]}"));
    assertEquals(200, fresh().produce(topic, MediaTypes.BINARY_V2, records).status());
    assertEquals(count, on(doomed).readUntil(MediaTypes.BINARY_V2, count, Duration.ofSeconds(30)).size(),
        "the doomed instance reads its partition");
    // The commit names the last record consumed: offsets 0 to 4.
    assertEquals(200, on(doomed).commit(topic, doomedPartition, 4).status());

    nodes.get(doomedNode).kill();

    Map<Integer, List<Long>> offsets = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (offsets.getOrDefault(doomedPartition, List.of()).size() < count - 5 && System.nanoTime() < deadline) {
      HttpResult result = on(survivor).read(MediaTypes.BINARY_V2, 1_000);
      assertEquals(200, result.status(), result::toString);
      result.json().forEach(record -> offsets.computeIfAbsent(record.get("partition").asInt(), p -> new ArrayList<>())
          .add(record.get("offset").asLong()));
    }
    assertEquals(LongStream.range(5, count).boxed().toList(), offsets.get(doomedPartition),
        "the survivor reads the dead instance's partition on from its committed offset, nothing committed again");
    assertEquals(List.of(0, 1), assignedPartitions(survivor).stream().sorted().toList(), "both partitions");
    assertEquals(204, on(survivor).delete().status());
  }

  private List<Integer> assignedPartitions(RestConsumer consumer) {
    HttpResult assignments = fresh().get(consumer.path() + "/assignments");
    assertEquals(200, assignments.status(), assignments::toString);
    List<Integer> partitions = new ArrayList<>();
    assignments.json().get("partitions").forEach(partition -> partitions.add(partition.get("partition").asInt()));
    return partitions;
  }

  /** {@return the calls for instances held elsewhere with this outcome, summed over the live nodes} */
  private double nodeCalls(String outcome) {
    return nodes.stream().filter(ProxyJvm::isAlive)
        .mapToDouble(node -> scrape(node).sum("kafka_rest_nodes_calls_total", Map.of("outcome", outcome))).sum();
  }

  private static PrometheusText scrape(ProxyJvm node) {
    HttpResult metrics = new ProxyClient(node.uri()).get("/metrics");
    assertEquals(200, metrics.status(), metrics::toString);
    return PrometheusText.parse(metrics.body());
  }

  /** {@return a client on the balancer whose call opens a new connection, so it lands on the next node} */
  private ProxyClient fresh() {
    return new ProxyClient(balancer.uri(), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
        ProxyClient.REQUEST_TIMEOUT);
  }

  private RestConsumer on(RestConsumer consumer) {
    return RestConsumer.named(fresh(), consumer.group(), consumer.name());
  }

}
