package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessSettingsTest {
  private static final Ticker TICKER = () -> 0L;
  private static final Identity ALICE = Identity.of("alice", Set.of());

  @Test
  void createPolicy_disabled_permitsEverythingButInternalTopics() {
    AccessPolicy policy = AccessSettings.disabled().createPolicy(TICKER, topic -> false);

    assertTrue(policy.permits(Identity.anonymous(), Operation.WRITE, ResourceType.TOPIC, "orders"));
    assertTrue(policy.permits(Identity.anonymous(), Operation.ALTER, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME));
    assertTrue(policy.permits(Identity.anonymous(), Operation.DESCRIBE, ResourceType.TOPIC, "__consumer_offsets"));
    assertFalse(policy.permits(Identity.anonymous(), Operation.READ, ResourceType.TOPIC, "__consumer_offsets"));
  }

  @Test
  void createPolicy_disabledInternalTopicsAccessOn_permitsInternalTopics() {
    AccessSettings settings = new AccessSettings(false, null, Duration.ofSeconds(1), true);

    AccessPolicy policy = settings.createPolicy(TICKER, topic -> false);

    assertTrue(policy.permits(Identity.anonymous(), Operation.WRITE, ResourceType.TOPIC, "__consumer_offsets"));
  }

  @Test
  void createPolicy_enabled_deniesWhatTheRulesDoNotAllow(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("access.rules"), "allow user:alice all topic:*\n");
    AccessSettings settings = new AccessSettings(true, file, Duration.ofSeconds(1), false);

    AccessPolicy policy = settings.createPolicy(TICKER, "_schemas"::equals);

    assertTrue(policy.permits(ALICE, Operation.WRITE, ResourceType.TOPIC, "orders"));
    assertFalse(policy.permits(ALICE, Operation.WRITE, ResourceType.TOPIC, "_schemas"));
    assertFalse(policy.permits(Identity.anonymous(), Operation.WRITE, ResourceType.TOPIC, "orders"));
  }

  @Test
  void new_enabledWithoutRulesFile_fails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AccessSettings(true, null, Duration.ofSeconds(1), false));

    assertTrue(e.getMessage().contains("no rules file"), e.getMessage());
  }
}
