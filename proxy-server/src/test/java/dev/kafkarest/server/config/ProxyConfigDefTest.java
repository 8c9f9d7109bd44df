package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

class ProxyConfigDefTest {
  @Test
  void definition_groups_onePerConcernInRegistrationOrder() {
    assertEquals(List.of("Node", "HTTP", "HTTP limits", "CORS", "Metadata", "Consumer instances", "Reads by offset",
        "HDInsight v1 API", "Embedded Kafka", "TLS", "Authentication", "Authorization", "Produce validation", "Quotas",
        "Operations", "Endpoints", "Compression", "JMX", "Management", "Logging", "API versions", "Streams",
        "Response writes", "Console", "Nodes"),
        ProxyConfigDef.DEFINITION.groups());
  }

  @Test
  void definition_everyKey_belongsToAGroupWithADescription() {
    for (ConfigKey key : ProxyConfigDef.DEFINITION.configKeys().values()) {
      assertNotNull(key.group, key.name);
      assertFalse(key.documentation.isBlank(), key.name);
    }
  }

  @Test
  void isProxyKey_ownKeysAndPassThrough_tellsThemApart() {
    assertTrue(ProxyConfigDef.isProxyKey(ConsumerInstanceKeys.REQUEST_TIMEOUT_MS));
    assertTrue(ProxyConfigDef.isProxyKey(HttpKeys.LISTENERS));
    assertTrue(ProxyConfigDef.isProxyKey("ssl.keystore.location"));
    assertTrue(ProxyConfigDef.isProxyKey("produce.value.schema.topic.orders"));
    assertTrue(ProxyConfigDef.isProxyKey("quota.produce.requests.per.second"));
    assertTrue(ProxyConfigDef.isProxyKey("quota.principal.etl.job.produce.bytes.per.second"));
    assertFalse(ProxyConfigDef.isProxyKey("consumer.max.poll.records"));
  }
}
