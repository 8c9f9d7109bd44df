package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRulesTest {
  private static final AccessRules RULES = AccessRules.parse("test.rules", List.of(
      "# Orders team",
      "allow user:alice read,describe topic:orders",
      "allow user:alice read consumer-group:app-*",
      "",
      "allow group:readers read,describe topic:metrics-*",
      "deny group:interns all topic:metrics-secret*",
      "   # indented comment",
      "allow user:bob all topic:*",
      "deny user:bob write topic:orders",
      "allow user:* describe cluster",
      "allow anonymous describe topic:public"));

  private static final Map<String, Identity> IDENTITIES = Map.of(
      "alice", Identity.of("alice", Set.of()),
      "bob", Identity.of("bob", Set.of()),
      "carol", Identity.of("carol", Set.of("readers")),
      "dave", Identity.of("dave", Set.of("readers", "interns")),
      "erin", Identity.of("erin", Set.of()),
      "user-named-readers", Identity.of("readers", Set.of()),
      "alice-unauthenticated", new Identity("alice", Set.of(), false),
      "anonymous", Identity.anonymous(),
      "authenticated-named-ANONYMOUS", Identity.of("ANONYMOUS", Set.of()));

  @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
  @CsvSource({
      // literal names, user subjects
      "alice, READ, TOPIC, orders, true",
      "alice, DESCRIBE, TOPIC, orders, true",
      "alice, WRITE, TOPIC, orders, false",
      "alice, READ, TOPIC, orders2, false",
      "alice, READ, TOPIC, order, false",
      "alice-unauthenticated, READ, TOPIC, orders, false",
      // prefixes, group subjects
      "carol, READ, TOPIC, metrics-cpu, true",
      "carol, READ, TOPIC, metrics-, true",
      "carol, READ, TOPIC, metrics, false",
      "carol, WRITE, TOPIC, metrics-cpu, false",
      "user-named-readers, READ, TOPIC, metrics-cpu, false",
      // deny wins
      "carol, READ, TOPIC, metrics-secret-x, true",
      "dave, READ, TOPIC, metrics-cpu, true",
      "dave, READ, TOPIC, metrics-secret-x, false",
      "dave, DESCRIBE, TOPIC, metrics-secret, false",
      "bob, WRITE, TOPIC, payments, true",
      "bob, DELETE, TOPIC, payments, true",
      "bob, READ, TOPIC, orders, true",
      "bob, WRITE, TOPIC, orders, false",
      // resource types are kept apart
      "alice, READ, CONSUMER_GROUP, app-1, true",
      "alice, WRITE, CONSUMER_GROUP, app-1, false",
      "alice, READ, TOPIC, app-1, false",
      "bob, READ, CONSUMER_GROUP, orders, false",
      "erin, DESCRIBE, CLUSTER, kafka-cluster, true",
      "erin, ALTER, CLUSTER, kafka-cluster, false",
      "bob, DESCRIBE, TOPIC, kafka-cluster, true",
      // anonymous is only the unauthenticated identity; user:* is only authenticated ones
      "anonymous, DESCRIBE, TOPIC, public, true",
      "anonymous, READ, TOPIC, public, false",
      "anonymous, DESCRIBE, CLUSTER, kafka-cluster, false",
      "authenticated-named-ANONYMOUS, DESCRIBE, TOPIC, public, false",
      // default deny
      "erin, READ, TOPIC, orders, false",
      "erin, DESCRIBE, TOPIC, public, false",
  })
  void permits_decisionMatrix(String who, Operation operation, ResourceType type, String name, boolean expected) {
    assertEquals(expected, RULES.permits(IDENTITIES.get(who), operation, type, name));
  }

  @Test
  void permits_noRules_deniesEverything() {
    AccessRules empty = AccessRules.parse("empty", List.of("# nothing yet", ""));

    assertEquals(0, empty.size());
    assertFalse(empty.permits(Identity.of("alice", Set.of()), Operation.DESCRIBE, ResourceType.TOPIC, "orders"));
  }

  @Test
  void parse_commentsAndBlankLines_areIgnored() {
    assertEquals(8, RULES.size());
  }

  @Test
  void parse_keywordsInAnyCase_namesCaseSensitive() {
    AccessRules rules = AccessRules.parse("case", List.of("ALLOW User:alice READ,Describe Topic:Orders*"));

    assertTrue(rules.permits(Identity.of("alice", Set.of()), Operation.READ, ResourceType.TOPIC, "Orders-eu"));
    assertFalse(rules.permits(Identity.of("alice", Set.of()), Operation.READ, ResourceType.TOPIC, "orders-eu"));
    assertFalse(rules.permits(Identity.of("Alice", Set.of()), Operation.READ, ResourceType.TOPIC, "Orders-eu"));
  }

  @Test
  void parse_tabsBetweenFields_accepted() {
    AccessRules rules = AccessRules.parse("tabs", List.of("allow\tuser:alice \t write\ttopic:orders"));

    assertTrue(rules.permits(Identity.of("alice", Set.of()), Operation.WRITE, ResourceType.TOPIC, "orders"));
  }

  @Test
  void parse_all_grantsEveryOperation() {
    AccessRules rules = AccessRules.parse("all", List.of("allow user:admin all cluster"));

    for (Operation operation : Operation.values()) {
      assertTrue(rules.permits(Identity.of("admin", Set.of()), operation, ResourceType.CLUSTER,
          ResourceType.CLUSTER_NAME), operation.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "allow user:alice read | expected 4 fields",
      "allow user:alice read topic:x extra | expected 4 fields",
      "permit user:alice read topic:x | starts with 'allow' or 'deny', not 'permit'",
      "allow alice read topic:x | who is 'user:NAME', 'user:*', 'group:NAME' or 'anonymous', not 'alice'",
      "allow role:x read topic:x | who is",
      "allow user: read topic:x | the user name is missing",
      "allow group: read topic:x | the group name is missing",
      "allow user:alice raed topic:x | unknown operation 'raed' (expected describe, read, write, create, delete,"
          + " alter or all",
      "allow user:alice read, topic:x | unknown operation ''",
      "allow user:alice read broker:1 | a resource is 'topic:NAME', 'consumer-group:NAME' or 'cluster', not",
      "allow user:alice read group:app | a resource is",
      "allow user:alice read topic | a resource is",
      "allow user:alice read topic: | the resource name is missing",
      "allow user:alice read topic:a*b | '*' may only end a resource name",
      "allow user:alice read topic:** | '*' may only end a resource name",
  })
  void parse_badLine_failsNamingSourceLineAndProblem(String line, String problem) {
    List<String> lines = List.of("# header", "allow user:bob read topic:orders", line);

    AccessRulesException e = assertThrows(AccessRulesException.class, () -> AccessRules.parse("acl.rules", lines));

    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("Access rules file acl.rules, line 3: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void load_missingFile_failsNamingFile(@TempDir Path dir) {
    Path missing = dir.resolve("missing.rules");

    AccessRulesException e = assertThrows(AccessRulesException.class, () -> AccessRules.load(missing));

    assertEquals(0, e.line());
    assertTrue(e.getMessage().startsWith("Access rules file " + missing + ": cannot be read"), e.getMessage());
  }
}
