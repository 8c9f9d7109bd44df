package dev.kafkarest.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class NodesKeysTest {
  private static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t";

  @Test
  void settings_byDefault_areOffAndForward() {
    NodesSettings settings = settings(Map.of());
    assertFalse(settings.enabled());
    assertFalse(settings.redirect());
    assertEquals("_kafka-rest-nodes", settings.topic());
    assertEquals(Duration.ofSeconds(10), settings.failureTimeout());
  }

  @Test
  void settings_enabledWithoutALongEnoughSecret_stopStartUp() {
    InvalidConfigException missing = assertThrows(InvalidConfigException.class,
        () -> settings(Map.of(NodesKeys.ENABLE, "true")));
    assertTrue(missing.getMessage().contains(NodesKeys.SECRET), missing.getMessage());
    InvalidConfigException tooShort = assertThrows(InvalidConfigException.class,
        () -> settings(Map.of(NodesKeys.ENABLE, "true", NodesKeys.SECRET, "short-secret")));
    assertFalse(tooShort.getMessage().contains("short-secret"), "the message must not echo the secret");
  }

  @Test
  void settings_advertisedUrlThatIsNotHttp_stopStartUp() {
    for (String url : new String[] {"ftp://a:1", "a:8082", "http://", "http://a b"}) {
      assertThrows(InvalidConfigException.class, () -> settings(Map.of(NodesKeys.ADVERTISED_URL, url)), url);
    }
  }

  @Test
  void settings_hideTheSecretWhenPrinted() {
    NodesSettings settings = settings(Map.of(NodesKeys.ENABLE, "true", NodesKeys.SECRET, SECRET,
        NodesKeys.FORWARD_MODE, "redirect", NodesKeys.ADVERTISED_URL, "https://node-1:8443"));
    assertTrue(settings.enabled());
    assertTrue(settings.redirect());
    assertEquals("https://node-1:8443", settings.advertisedUrl());
    assertFalse(settings.toString().contains(SECRET), settings.toString());
  }

  private static NodesSettings settings(Map<String, String> keys) {
    return NodesKeys.settings(new AbstractConfig(NodesKeys.define(new ConfigDef()), keys, false));
  }
}
