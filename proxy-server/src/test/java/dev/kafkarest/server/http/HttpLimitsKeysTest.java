package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.config.ProxyConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLimitsKeysTest {
  private static final Map<String, String> BASE = Map.of("bootstrap.servers", "localhost:9092");

  @Test
  void settings_withoutKeys_areTheDefaults() {
    assertEquals(HttpLimits.defaults(), ProxyConfig.of(BASE).httpLimits());
  }

  @Test
  void settings_withEveryKey_areRead() {
    ProxyConfig config = ProxyConfig.of(BASE)
        .with("http.body.read.timeout.ms", "1500")
        .with("http.header.max.bytes", "4096")
        .with("http.headers.max", "20")
        .with("http.connections.max", "300")
        .with("idle.timeout.ms", "2500")
        .with("http.write.timeout.ms", "4000");

    assertEquals(new HttpLimits(Duration.ofMillis(1500), 4096, 20, 300, Duration.ofMillis(2500), 0, Duration.ofMillis(4000)),
        config.httpLimits());
  }

  @Test
  void idleTimeoutSeconds_roundsUp() {
    HttpLimits limits = new HttpLimits(Duration.ofSeconds(1), 8192, 100, 1, Duration.ofMillis(2001), 0, Duration.ofSeconds(30));

    assertEquals(3, limits.idleTimeoutSeconds());
  }

  @Test
  void settings_withANegativeTimeout_stopStartUpNamingTheKey() {
    RuntimeException refused = assertThrows(RuntimeException.class,
        () -> ProxyConfig.of(BASE).with("http.body.read.timeout.ms", "-1"));

    assertTrue(refused.getMessage().contains("http.body.read.timeout.ms"), refused.getMessage());
  }
}
