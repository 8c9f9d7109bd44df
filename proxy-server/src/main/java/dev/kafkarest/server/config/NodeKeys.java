package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of the node as a whole: its id, its Kafka cluster and how long it takes to stop. */
public final class NodeKeys {
  public static final String ID = "id";
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String SHUTDOWN_GRACEFUL_MS = "shutdown.graceful.ms";

  private NodeKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Node")
        .define(ID, Type.STRING, "", null, Importance.MEDIUM,
            "This node's id; part of generated consumer instance names.")
        .define(BOOTSTRAP_SERVERS, Type.STRING, "", null, Importance.HIGH,
            "Kafka brokers; empty starts an embedded single-node broker.")
        .define(SHUTDOWN_GRACEFUL_MS, Type.INT, 5_000, Range.between(0, 600_000), Importance.LOW,
            "How long shutdown waits for requests in flight.");
  }
}
