package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of the embedded broker, started when {@code bootstrap.servers} is empty. */
public final class EmbeddedKafkaKeys {
  public static final String DIR = "embedded.kafka.dir";
  public static final String PORT = "embedded.kafka.port";
  public static final String CONTROLLER_PORT = "embedded.kafka.controller.port";

  private EmbeddedKafkaKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Embedded Kafka")
        .define(DIR, Type.STRING, "data/kafka", null, Importance.LOW,
            "Data folder of the embedded broker.")
        .define(PORT, Type.INT, 9092, Range.between(0, 65535), Importance.LOW,
            "Client port of the embedded broker on 127.0.0.1 (0 for any free port).")
        .define(CONTROLLER_PORT, Type.INT, 9093, Range.between(0, 65535), Importance.LOW,
            "Controller port of the embedded broker on 127.0.0.1 (0 for any free port).");
  }
}
