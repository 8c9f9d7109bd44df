package dev.kafkarest.server.hdinsight;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import dev.kafkarest.server.config.KeyGroup;

/** Keys of the HDInsight {@code /v1} API. */
public final class HdInsightKeys {
  public static final String ENABLE = "api.v1.hdinsight.enable";

  private HdInsightKeys() {}

  public static void define(ConfigDef definition) {
    new KeyGroup(definition, "HDInsight v1 API")
        .define(ENABLE, Type.BOOLEAN, true, null, Importance.LOW,
            "Serve the Azure HDInsight Kafka REST proxy's /v1 API (metadata, topics, producer, consumer).");
  }
}
