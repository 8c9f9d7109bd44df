package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.access.AccessSettings;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.access.Operation;
import dev.kafkarest.core.access.ResourceType;
import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authorization keys, and the policy built from them at start-up. */
class AuthorizationTest {
  private static final Identity ALICE = Identity.of("alice", Set.of());

  @Test
  void settings_defaults_offAndInternalTopicsClosed() {
    AccessSettings settings = ProxyConfig.of(Map.of()).authorization();

    assertFalse(settings.authorizationEnabled());
    assertNull(settings.rulesFile());
    assertEquals(Duration.ofSeconds(10), settings.reloadInterval());
    assertFalse(settings.internalTopicsAccess());
  }

  @Test
  void settings_allKeys_read() {
    AccessSettings settings = ProxyConfig.of(Map.of(
        "authorization.enabled", "true",
        "authorization.rules.file", " /etc/kafka-rest/access.rules ",
        "authorization.rules.check.interval.ms", "500",
        "internal.topics.access", "true")).authorization();

    assertTrue(settings.authorizationEnabled());
    assertEquals(Path.of("/etc/kafka-rest/access.rules"), settings.rulesFile());
    assertEquals(Duration.ofMillis(500), settings.reloadInterval());
    assertTrue(settings.internalTopicsAccess());
  }

  @Test
  void settings_enabledWithoutRulesFile_failsNamingBothKeys() {
    InvalidConfigException error = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("authorization.enabled", "true")));

    assertTrue(error.getMessage().contains("authorization.enabled=true needs authorization.rules.file"),
        error.getMessage());
  }

  @Test
  void settings_negativeInterval_failsNamingTheKey() {
    InvalidConfigException error = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("authorization.rules.check.interval.ms", "-1")));

    assertTrue(error.getMessage().contains("authorization.rules.check.interval.ms"), error.getMessage());
  }

  @Test
  void policy_rulesFile_decidesOnItsRules(@TempDir Path dir) throws IOException {
    Path rules = Files.writeString(dir.resolve("access.rules"), "allow user:alice write topic:orders*\n");

    AccessPolicy policy = Authorization.policy(
        new AccessSettings(true, rules, Duration.ofSeconds(10), false), Ticker.disabledTicker());

    assertTrue(policy.permits(ALICE, Operation.WRITE, ResourceType.TOPIC, "orders-eu"));
    assertFalse(policy.permits(ALICE, Operation.WRITE, ResourceType.TOPIC, "payments"));
    assertFalse(policy.permits(ALICE, Operation.READ, ResourceType.TOPIC, "orders-eu"));
  }

  @Test
  void policy_off_permitsAllButInternalTopics() {
    AccessPolicy policy = Authorization.policy(AccessSettings.disabled(), Ticker.disabledTicker());

    assertTrue(policy.permits(ALICE, Operation.READ, ResourceType.TOPIC, "orders"));
    assertFalse(policy.permits(ALICE, Operation.READ, ResourceType.TOPIC, "__consumer_offsets"));
    assertTrue(policy.permits(ALICE, Operation.DESCRIBE, ResourceType.TOPIC, "__consumer_offsets"));
  }

  @Test
  void policy_badLine_failsWithInvalidConfigNamingFileAndLine(@TempDir Path dir) throws IOException {
    Path rules = Files.write(dir.resolve("access.rules"), List.of("# ok", "allow user:alice raed topic:x"));

    InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> Authorization.policy(
        new AccessSettings(true, rules, Duration.ofSeconds(10), false), Ticker.disabledTicker()));

    assertTrue(error.getMessage().startsWith("Access rules file " + rules + ", line 2: unknown operation 'raed'"),
        error.getMessage());
  }

  @Test
  void start_missingRulesFile_failsBeforeListening(@TempDir Path dir) {
    Path missing = dir.resolve("missing.rules");

    InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ProxyServer.start(
        ProxyConfig.of(Map.of(
            "listeners", "http://127.0.0.1:0",
            "bootstrap.servers", "127.0.0.1:1",
            "authorization.enabled", "true",
            "authorization.rules.file", missing.toString()))));

    assertTrue(error.getMessage().startsWith("Access rules file " + missing + ": cannot be read"), error.getMessage());
  }
}
