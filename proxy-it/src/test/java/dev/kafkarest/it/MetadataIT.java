package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The v2 metadata endpoints: {@code /}, {@code /topics…}, {@code /brokers}. */
@ProxyTest
class MetadataIT {
  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  MetadataIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void getRoot_returnsEmptyObject() {
    JsonNode body = assertOkV2(proxy.getRoot());
    assertTrue(body.isObject() && body.isEmpty(), body::toString);
  }

  @Test
  void listTopics_newTopicsAppearAndNamesAreSorted() {
    String zulu = kafka.createTopic("zulu-list", 1);
    String alpha = kafka.createTopic("alpha-list", 1);
    String mike = kafka.createTopic("mike-list", 1);

    HttpResult result = Await.until(Duration.ofSeconds(10), "new topics in GET /topics", proxy::getTopics,
        r -> r.status() == 200 && names(r.json()).containsAll(List.of(zulu, alpha, mike)));

    JsonNode body = assertOkV2(result);
    assertTrue(body.isArray(), result::toString);
    List<String> names = names(body);
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(sorted, names, "topic names are sorted");
    assertEquals(names.size(), new HashSet<>(names).size(), "no duplicates");
  }

  @Test
  void listTopics_hidesInternalTopics() {
    String topic = kafka.createTopic("internal-check", 1);
    kafka.ensureConsumerOffsetsTopic(topic);
    Set<String> internal = Await.until(Duration.ofSeconds(15), "__consumer_offsets to exist",
        () -> internalTopics(), names -> names.contains("__consumer_offsets"));

    List<String> listed = names(assertOkV2(proxy.getTopics()));

    assertTrue(listed.contains(topic), listed::toString);
    for (String name : internal) {
      assertFalse(listed.contains(name), () -> "internal topic " + name + " listed: " + listed);
    }
    assertEquals(kafka.topicNames(false), Set.copyOf(listed), "GET /topics lists exactly the non-internal topics");
  }

  @Test
  void getTopic_returnsNameConfigsAndPartitionsAsTheBrokerDescribesThem() {
    String topic = kafka.createTopic("describe", 3, Map.of("retention.ms", "123456789"));

    JsonNode body = assertOkV2(proxy.getTopic(topic));

    assertEquals(Set.of("name", "configs", "partitions"), fieldNames(body));
    assertEquals(topic, body.get("name").textValue());
    JsonNode configs = body.get("configs");
    assertTrue(configs.isObject() && configs.size() > 10, () -> "configs should hold all topic configs: " + configs);
    configs.properties().forEach(e ->
        assertTrue(e.getValue().isTextual() || e.getValue().isNull(), () -> "config value of " + e));
    assertEquals("123456789", configs.get("retention.ms").textValue(), "per-topic override");
    assertEquals("delete", configs.get("cleanup.policy").textValue(), "broker default");
    assertEquals(kafka.topicConfigs(topic).get("segment.bytes"), configs.get("segment.bytes").textValue());
    assertPartitionsMatch(kafka.describe(topic), body.get("partitions"));
  }

  @Test
  void getPartitions_listsEveryPartitionInOrder_andEachCanBeFetchedAlone() {
    String topic = kafka.createTopic("partitions", 4);

    JsonNode list = assertOkV2(proxy.getPartitions(topic));

    assertPartitionsMatch(kafka.describe(topic), list);
    assertEquals(assertOkV2(proxy.getTopic(topic)).get("partitions"), list, "same as in GET /topics/{t}");
    for (JsonNode partition : list) {
      JsonNode one = assertOkV2(proxy.getPartition(topic, partition.get("partition").intValue()));
      assertEquals(partition, one);
    }
  }

  @Test
  void getOffsets_reportsBeginningAndEndOffsets() {
    String topic = kafka.createTopic("offsets", 2);
    String body = """
        {"records": [{"value": "YQ=="}, {"value": "Yg=="}, {"value": "Yw=="}, {"value": "ZA=="}, {"value": "ZQ=="}]}""";
    assertProduced(proxy.produce(topic, 1, MediaTypes.BINARY_V2, body), 5);

    assertOffsets(topic, 0, 0, 0);
    assertOffsets(topic, 1, 0, 5);

    kafka.deleteRecordsBefore(topic, 1, 2);
    assertOffsets(topic, 1, 2, 5);
  }

  @Test
  void getBrokers_listsTheClusterBrokerIds() {
    JsonNode body = assertOkV2(proxy.getBrokers());

    assertEquals(Set.of("brokers"), fieldNames(body));
    List<Integer> ids = new ArrayList<>();
    body.get("brokers").forEach(id -> {
      assertTrue(id.isInt(), body::toString);
      ids.add(id.intValue());
    });
    assertEquals(kafka.brokerIds(), Set.copyOf(ids));
    assertEquals(ids.size(), kafka.brokerIds().size(), "no duplicates");
  }

  // Errors.

  @ParameterizedTest
  @ValueSource(strings = {"/topics/%s", "/topics/%s/partitions", "/topics/%s/partitions/0",
      "/topics/%s/partitions/0/offsets"})
  void unknownTopic_returns40401(String pathTemplate) {
    String missing = KafkaTestClient.uniqueName("missing");

    assertError(proxy.get(pathTemplate.formatted(missing)), 404, 40401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/topics/%s/partitions/2", "/topics/%s/partitions/2/offsets",
      "/topics/%s/partitions/1000", "/topics/%s/partitions/-1", "/topics/%s/partitions/-1/offsets"})
  void unknownOrNegativePartition_returns40402(String pathTemplate) {
    String topic = kafka.createTopic("no-such-partition", 2);

    assertError(proxy.get(pathTemplate.formatted(topic)), 404, 40402);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/topics/%s/partitions/abc", "/topics/%s/partitions/abc/offsets",
      "/topics/%s/partitions/1.5", "/topics/%s/partitions/2147483648"})
  void nonIntegerPartition_returns404(String pathTemplate) {
    String topic = kafka.createTopic("bad-partition", 1);

    assertError(proxy.get(pathTemplate.formatted(topic)), 404, 404);
  }

  private void assertOffsets(String topic, int partition, long beginning, long end) {
    JsonNode body = assertOkV2(proxy.getOffsets(topic, partition));
    assertEquals(Set.of("beginning_offset", "end_offset"), fieldNames(body));
    assertEquals(beginning, body.get("beginning_offset").longValue(), () -> "beginning_offset of " + body);
    assertEquals(end, body.get("end_offset").longValue(), () -> "end_offset of " + body);
  }

  /** Asserts the v2 partition list equals the Admin client's description, sorted by partition id. */
  private static void assertPartitionsMatch(TopicDescription description, JsonNode partitions) {
    assertTrue(partitions.isArray(), partitions::toString);
    assertEquals(description.partitions().size(), partitions.size(), partitions::toString);
    for (int i = 0; i < partitions.size(); i++) {
      JsonNode partition = partitions.get(i);
      TopicPartitionInfo expected = description.partitions().get(i);
      assertEquals(Set.of("partition", "leader", "replicas"), fieldNames(partition));
      assertEquals(i, partition.get("partition").intValue(), "sorted by partition id");
      assertEquals(expected.leader().id(), partition.get("leader").intValue());
      JsonNode replicas = partition.get("replicas");
      assertEquals(expected.replicas().size(), replicas.size(), replicas::toString);
      Set<Integer> inSync = expected.isr().stream().map(Node::id).collect(Collectors.toSet());
      for (int r = 0; r < replicas.size(); r++) {
        JsonNode replica = replicas.get(r);
        int broker = expected.replicas().get(r).id();
        assertEquals(Set.of("broker", "leader", "in_sync"), fieldNames(replica));
        assertEquals(broker, replica.get("broker").intValue());
        assertEquals(broker == expected.leader().id(), replica.get("leader").booleanValue(), replica::toString);
        assertEquals(inSync.contains(broker), replica.get("in_sync").booleanValue(), replica::toString);
        assertTrue(replica.get("leader").isBoolean() && replica.get("in_sync").isBoolean(), replica::toString);
      }
    }
  }

  private Set<String> internalTopics() {
    Set<String> internal = new HashSet<>(kafka.topicNames(true));
    internal.removeAll(kafka.topicNames(false));
    return internal;
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add(name.textValue()));
    return names;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
