package dev.kafkarest.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Direct access to the broker, bypassing the proxy: creates topics with unique names and reads back
 * exactly what landed (key and value bytes, partition, offset). One instance per JVM is shared.
 */
public final class KafkaTestClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final Admin admin;

  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "proxy-it-admin",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
  }

  /** {@return {@code prefix-<random>}, a topic or group name no other test uses} */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Admin admin() {
    return admin;
  }

  /** Creates a topic with a unique name and returns the name once every partition has a leader. */
  public String createTopic(String prefix, int partitions) {
    return createTopic(prefix, partitions, Map.of());
  }

  /** Creates a topic with per-topic configs; see {@link #createTopic(String, int)}. */
  public String createTopic(String prefix, int partitions, Map<String, String> configs) {
    String topic = uniqueName(prefix);
    get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all());
    awaitLeaders(topic, partitions);
    return topic;
  }

  /** Creates a one-partition topic with exactly this name (which the caller made unique). */
  public void createTopic(String exactName) {
    get(admin.createTopics(List.of(new NewTopic(exactName, 1, (short) 1))).all());
    awaitLeaders(exactName, 1);
  }

  /** Grows a topic to {@code totalPartitions} and waits until the new partitions have leaders. */
  public void addPartitions(String topic, int totalPartitions) {
    get(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions))).all());
    awaitLeaders(topic, totalPartitions);
  }

  private void awaitLeaders(String topic, int partitions) {
    Await.until(Duration.ofSeconds(15), "topic " + topic + " to have " + partitions + " partitions with leaders", () -> {
      TopicDescription description = describe(topic);
      return description.partitions().size() == partitions
          && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    });
  }

  public TopicDescription describe(String topic) {
    return get(admin.describeTopics(List.of(topic)).topicNameValues().get(topic));
  }

  /** {@return the topic's configs as the broker reports them (defaults included)} */
  public Map<String, String> topicConfigs(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = get(admin.describeConfigs(List.of(resource)).values().get(resource));
    Map<String, String> configs = new HashMap<>();
    for (ConfigEntry entry : config.entries()) {
      configs.put(entry.name(), entry.value());
    }
    return configs;
  }

  /** {@return topic names, with or without internal ones} */
  public Set<String> topicNames(boolean listInternal) {
    return get(admin.listTopics(new ListTopicsOptions().listInternal(listInternal)).names());
  }

  /** {@return the ids of the cluster's brokers} */
  public Set<Integer> brokerIds() {
    return get(admin.describeCluster().nodes()).stream().map(Node::id).collect(Collectors.toSet());
  }

  /** {@return whether the broker creates topics on first use (then missing-topic tests do not apply)} */
  public boolean autoCreateTopicsEnabled() {
    Node node = get(admin.describeCluster().nodes()).iterator().next();
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
    ConfigEntry entry = get(admin.describeConfigs(List.of(broker)).values().get(broker))
        .get("auto.create.topics.enable");
    return entry != null && Boolean.parseBoolean(entry.value());
  }

  /** {@return each partition's log-end offset} */
  public Map<Integer, Long> endOffsets(String topic) {
    return offsets(topic, OffsetSpec.latest());
  }

  /** {@return each partition's log-start offset} */
  public Map<Integer, Long> beginningOffsets(String topic) {
    return offsets(topic, OffsetSpec.earliest());
  }

  /** {@return the total number of records in a topic (end minus beginning offsets)} */
  public long recordCount(String topic) {
    Map<Integer, Long> beginning = beginningOffsets(topic);
    return endOffsets(topic).entrySet().stream().mapToLong(e -> e.getValue() - beginning.get(e.getKey())).sum();
  }

  /**
   * {@return the partitions assigned to the members of a consumer group}
   *
   * @throws IllegalStateException when the describe call fails, for example for a group the broker does not
   *     know yet
   */
  public Set<TopicPartition> groupAssignment(String group) {
    ConsumerGroupDescription description =
        get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
    return description.members().stream()
        .flatMap(member -> member.assignment().topicPartitions().stream())
        .collect(Collectors.toSet());
  }

  /** Deletes the records of one partition below {@code offset}, which moves its beginning offset. */
  public void deleteRecordsBefore(String topic, int partition, long offset) {
    get(admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset))).all());
  }

  /** Makes sure the internal {@code __consumer_offsets} topic exists, by committing an offset for a new group. */
  public void ensureConsumerOffsetsTopic(String anyTopic) {
    get(admin.alterConsumerGroupOffsets(uniqueName("it-group"),
        Map.of(new TopicPartition(anyTopic, 0), new OffsetAndMetadata(0))).all());
  }

  /**
   * Reads every record currently in a topic, sorted by partition then offset. Records acknowledged
   * before the call are all included: the read goes on until each partition's end offset.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Map<String, Object> settings = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "proxy-it-reader",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = describe(topic).partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!partitions.stream().allMatch(tp -> consumer.position(tp, TIMEOUT) >= end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic + " up to " + end + " within " + TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  private Map<Integer, Long> offsets(String topic, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    describe(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
    Map<Integer, Long> offsets = new TreeMap<>();
    get(admin.listOffsets(request).all()).forEach((tp, info) -> offsets.put(tp.partition(), info.offset()));
    return offsets;
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka call timed out after " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
