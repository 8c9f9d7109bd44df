package dev.kafkarest.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class DirectoryTopicTest {
  private static final Node BROKER = new Node(0, "localhost", 9092);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final MockAdminClient admin = new MockAdminClient(List.of(BROKER), BROKER);

  @Test
  void ensure_missingTopic_isCreatedWithOnePartitionCompactedAndAppendTime() throws Exception {
    DirectoryTopic.ensure(admin, "_nodes", TIMEOUT);

    assertEquals(1, admin.describeTopics(List.of("_nodes")).allTopicNames().get().get("_nodes").partitions().size());
    assertEquals(List.of(), DirectoryTopic.missing(configOf("_nodes")));
  }

  @Test
  void ensure_existingTopic_isLeftAsTheOperatorMadeIt() throws Exception {
    admin.createTopics(List.of(new NewTopic("_nodes", Optional.of(1), Optional.empty())
        .configs(Map.of("cleanup.policy", "delete")))).all().get();

    DirectoryTopic.ensure(admin, "_nodes", TIMEOUT);

    assertEquals("delete", configOf("_nodes").get("cleanup.policy").value(), "warned about, not changed");
  }

  @Test
  void missing_namesEachSettingTheTopicLacks_asKeyEqualsValue() {
    Config operators = new Config(List.of(new ConfigEntry("cleanup.policy", "delete"),
        new ConfigEntry("message.timestamp.type", "CreateTime")));
    Config compacted = new Config(List.of(new ConfigEntry("cleanup.policy", "compact")));

    assertEquals(List.of("cleanup.policy=compact", "message.timestamp.type=LogAppendTime"),
        DirectoryTopic.missing(operators));
    assertEquals(List.of("message.timestamp.type=LogAppendTime"), DirectoryTopic.missing(compacted));
  }

  private Config configOf(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource);
  }
}
