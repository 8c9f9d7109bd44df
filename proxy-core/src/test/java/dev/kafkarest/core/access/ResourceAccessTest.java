package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceAccessTest {
  private static final Identity BOB = Identity.of("bob", Set.of());

  static Stream<Arguments> checks() {
    return Stream.of(
        check("describeCluster", (a, n) -> a.describeCluster(BOB), Operation.DESCRIBE, ResourceType.CLUSTER,
            ResourceType.CLUSTER_NAME),
        check("describeTopic", (a, n) -> a.describeTopic(BOB, n), Operation.DESCRIBE, ResourceType.TOPIC, "t"),
        check("createTopic", (a, n) -> a.createTopic(BOB, n), Operation.CREATE, ResourceType.TOPIC, "t"),
        check("deleteTopic", (a, n) -> a.deleteTopic(BOB, n), Operation.DELETE, ResourceType.TOPIC, "t"),
        check("alterTopic", (a, n) -> a.alterTopic(BOB, n), Operation.ALTER, ResourceType.TOPIC, "t"),
        check("writeTopic", (a, n) -> a.writeTopic(BOB, n), Operation.WRITE, ResourceType.TOPIC, "t"),
        check("readTopic", (a, n) -> a.readTopic(BOB, n), Operation.READ, ResourceType.TOPIC, "t"),
        check("readGroup", (a, n) -> a.readGroup(BOB, n), Operation.READ, ResourceType.CONSUMER_GROUP, "g"),
        check("describeGroup", (a, n) -> a.describeGroup(BOB, n), Operation.DESCRIBE, ResourceType.CONSUMER_GROUP,
            "g"));
  }

  private static Arguments check(String name, BiConsumer<ResourceAccess, String> call, Operation operation,
      ResourceType type, String resource) {
    return Arguments.of(name, call, operation, type, resource);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void check_onlyItsOwnPermission_passes(String name, BiConsumer<ResourceAccess, String> call, Operation operation,
      ResourceType type, String resource) {
    ResourceAccess access = new ResourceAccess(
        (who, op, t, n) -> who.equals(BOB) && op == operation && t == type && n.equals(resource));

    assertDoesNotThrow(() -> call.accept(access, resource));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void check_everyOtherPermission_refuses40301(String name, BiConsumer<ResourceAccess, String> call,
      Operation operation, ResourceType type, String resource) {
    ResourceAccess access = new ResourceAccess((who, op, t, n) -> !(op == operation && t == type));

    ProxyException refusal = assertThrows(ProxyException.class, () -> call.accept(access, resource));
    assertEquals(ErrorCode.NOT_AUTHORIZED, refusal.errorCode());
  }

  @Test
  void listings_keepOnlyWhatTheCallerMayDescribe() {
    ResourceAccess access = new ResourceAccess(
        (who, op, t, n) -> op == Operation.DESCRIBE && n.startsWith("mine"));

    assertEquals(List.of("mine-1", "mine-2"), access.describableTopics(BOB, List.of("mine-1", "other", "mine-2")));
    assertEquals(List.of("mine-a"), Stream.of("mine-a", "theirs").filter(access.visibleTopics(BOB)).toList());
    assertEquals(List.of("mine-g"), Stream.of("theirs", "mine-g").filter(access.visibleGroups(BOB)).toList());
  }
}
