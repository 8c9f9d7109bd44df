package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Who may subscribe by pattern ({@link AccessPolicy#permitsEvery}), and how the pattern is narrowed. */
class SubscriptionPatternTest {
  private static final Identity ADMIN = Identity.of("admin", Set.of("ops"));
  private static final Identity READER = Identity.of("reader", Set.of("ops"));
  private static final Identity EVE = Identity.of("eve", Set.of());
  private static final Pattern ANY = Pattern.compile(".*");

  private static AccessRules rules(String... lines) {
    return AccessRules.parse("test", List.of(lines));
  }

  @Test
  void permitsEvery_allowAll_true() {
    assertTrue(AccessPolicy.allowAll().permitsEvery(EVE, Operation.READ, ResourceType.TOPIC));
  }

  @Test
  void permitsEvery_defaultForAnyOtherPolicy_false() {
    AccessPolicy lambda = (identity, operation, type, name) -> true;

    assertFalse(lambda.permitsEvery(ADMIN, Operation.READ, ResourceType.TOPIC));
  }

  @Test
  void permitsEvery_allowOnEveryName_true() {
    AccessRules rules = rules("allow user:admin read,describe topic:*", "allow group:ops all cluster");

    assertTrue(rules.permitsEvery(ADMIN, Operation.READ, ResourceType.TOPIC));
    assertTrue(rules.permitsEvery(READER, Operation.DESCRIBE, ResourceType.CLUSTER));
    assertFalse(rules.permitsEvery(ADMIN, Operation.WRITE, ResourceType.TOPIC));
    assertFalse(rules.permitsEvery(READER, Operation.READ, ResourceType.TOPIC));
  }

  @Test
  void permitsEvery_onlyAPrefixAllowed_false() {
    AccessRules rules = rules("allow user:admin read topic:orders*");

    assertFalse(rules.permitsEvery(ADMIN, Operation.READ, ResourceType.TOPIC));
  }

  @Test
  void permitsEvery_anyDenyOnTheType_false() {
    AccessRules rules = rules("allow group:ops read topic:*", "deny user:reader read topic:secret");

    assertFalse(rules.permitsEvery(READER, Operation.READ, ResourceType.TOPIC));
    assertTrue(rules.permitsEvery(ADMIN, Operation.READ, ResourceType.TOPIC));
  }

  @Test
  void subscriptionPattern_callerMayNotReadEveryTopic_throws40301() {
    AccessRules rules = rules("allow user:eve read topic:orders*");

    ProxyException error = assertThrows(ProxyException.class, () -> rules.subscriptionPattern(EVE, ANY));

    assertEquals(ErrorCode.NOT_AUTHORIZED, error.errorCode());
    assertTrue(error.getMessage().contains("topic_pattern"), error.getMessage());
  }

  @Test
  void subscriptionPattern_callerMayReadEveryTopic_keepsThePattern() {
    assertSame(ANY, rules("allow user:admin read topic:*").subscriptionPattern(ADMIN, ANY));
  }

  @Test
  void subscriptionPattern_internalTopicsClosed_neverMatchesDoubleUnderscoreNames() {
    InternalTopicGuard guard = new InternalTopicGuard(AccessPolicy.allowAll(), false, topic -> false);

    Pattern narrowed = guard.subscriptionPattern(Identity.anonymous(), Pattern.compile(".*|__consumer_offsets"));

    assertFalse(narrowed.matcher("__consumer_offsets").matches());
    assertFalse(narrowed.matcher("__mine").matches());
    assertTrue(narrowed.matcher("orders").matches());
    assertTrue(narrowed.matcher("_one_underscore").matches());
  }

  @Test
  void subscriptionPattern_internalTopicsClosed_keepsFlags() {
    InternalTopicGuard guard = new InternalTopicGuard(AccessPolicy.allowAll(), false, topic -> false);

    Pattern narrowed = guard.subscriptionPattern(Identity.anonymous(),
        Pattern.compile("orders", Pattern.CASE_INSENSITIVE));

    assertTrue(narrowed.matcher("ORDERS").matches());
  }

  @Test
  void subscriptionPattern_unterminatedQuote_throws422RatherThanEscapingTheNarrowing() {
    InternalTopicGuard guard = new InternalTopicGuard(AccessPolicy.allowAll(), false, topic -> false);

    ProxyException error = assertThrows(ProxyException.class,
        () -> guard.subscriptionPattern(Identity.anonymous(), Pattern.compile("\\Q)|(__.*")));

    assertEquals(ErrorCode.UNPROCESSABLE_ENTITY, error.errorCode());
  }

  @Test
  void subscriptionPattern_internalTopicsOpen_keepsThePattern() {
    InternalTopicGuard guard = new InternalTopicGuard(AccessPolicy.allowAll(), true, topic -> false);

    assertSame(ANY, guard.subscriptionPattern(Identity.anonymous(), ANY));
  }

  @Test
  void subscriptionPattern_guardedRules_refusedUnlessEveryTopicIsReadable() {
    InternalTopicGuard guard = new InternalTopicGuard(rules("allow user:admin read topic:*"), false, topic -> false);

    assertFalse(guard.subscriptionPattern(ADMIN, ANY).matcher("__consumer_offsets").matches());
    assertThrows(ProxyException.class, () -> guard.subscriptionPattern(EVE, ANY));
  }

  @Test
  void permitsEvery_internalTopicsClosed_falseForReadAndWriteOfTopics() {
    InternalTopicGuard guard = new InternalTopicGuard(AccessPolicy.allowAll(), false, topic -> false);

    assertFalse(guard.permitsEvery(EVE, Operation.READ, ResourceType.TOPIC));
    assertTrue(guard.permitsEvery(EVE, Operation.DESCRIBE, ResourceType.TOPIC));
    assertTrue(new InternalTopicGuard(AccessPolicy.allowAll(), true, topic -> false)
        .permitsEvery(EVE, Operation.READ, ResourceType.TOPIC));
  }
}
