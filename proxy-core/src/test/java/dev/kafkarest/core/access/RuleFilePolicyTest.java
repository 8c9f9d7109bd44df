package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilePolicyTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Identity ALICE = Identity.of("alice", Set.of());

  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private Instant modified = Instant.parse("2026-01-01T00:00:00Z");
  private Path file;

  @Test
  void load_validFile_appliesItsRules() throws IOException {
    RuleFilePolicy policy = load("allow user:alice read topic:orders");

    assertTrue(readOrders(policy));
    assertFalse(policy.permits(ALICE, Operation.WRITE, ResourceType.TOPIC, "orders"));
  }

  @Test
  void permits_fileChangedBeforeInterval_keepsOldRules() throws IOException {
    RuleFilePolicy policy = load("allow user:alice read topic:orders");
    write("deny user:alice read topic:orders");

    advance(INTERVAL.minusNanos(1));

    assertTrue(readOrders(policy));
  }

  @Test
  void permits_fileChangedAfterInterval_appliesNewRules() throws IOException {
    RuleFilePolicy policy = load("allow user:alice read topic:orders");
    write("allow user:alice write topic:orders");

    advance(INTERVAL);

    assertFalse(readOrders(policy));
    assertTrue(policy.permits(ALICE, Operation.WRITE, ResourceType.TOPIC, "orders"));
  }

  @Test
  void permits_changedTwice_eachChangeSeenAfterItsInterval() throws IOException {
    RuleFilePolicy policy = load("allow user:alice read topic:orders");
    write("# closed");
    advance(INTERVAL);
    assertFalse(readOrders(policy));

    write("allow user:alice read topic:orders");
    advance(INTERVAL.dividedBy(2));
    assertFalse(readOrders(policy));
    advance(INTERVAL.dividedBy(2));
    assertTrue(readOrders(policy));
  }

  @Test
  void permits_brokenFileOnReload_keepsLastGoodRulesAndWarnsOnce() throws IOException {
    RuleFilePolicy policy = load("allow user:alice read topic:orders");
    write("allow user:alice read topic:orders", "allow user:alice raed topic:payments");

    String log = capturingStandardError(() -> {
      for (int i = 0; i < 3; i++) {
        advance(INTERVAL);
        assertTrue(readOrders(policy));
      }
    });

    assertEquals(1, occurrences(log, "Keeping the previous access rules"), log);
    assertTrue(log.contains(file + ", line 2: unknown operation 'raed'"), log);
  }

  @Test
  void permits_fixedAfterBroken_appliesFixedRules() throws IOException {
    RuleFilePolicy policy = load("allow user:alice read topic:orders");
    write("allow user:alice read topic:orders extra");
    advance(INTERVAL);
    assertTrue(readOrders(policy));

    write("allow user:alice write topic:orders");
    advance(INTERVAL);

    assertFalse(readOrders(policy));
  }

  @Test
  void permits_fileDeletedOnReload_keepsLastGoodRulesAndWarnsOnce() throws IOException {
    RuleFilePolicy policy = load("allow user:alice read topic:orders");
    Files.delete(file);

    String log = capturingStandardError(() -> {
      advance(INTERVAL);
      assertTrue(readOrders(policy));
      advance(INTERVAL);
      assertTrue(readOrders(policy));
    });

    assertEquals(1, occurrences(log, "Keeping the previous access rules"), log);
  }

  @Test
  void load_brokenFile_failsNamingFileAndLine() throws IOException {
    file = dir.resolve("access.rules");
    write("# rules", "allow user:alice read topic:orders", "allow user:bob", "allow user:carol read topic:x");

    AccessRulesException e = assertThrows(AccessRulesException.class,
        () -> RuleFilePolicy.load(file, INTERVAL, ticker));

    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("Access rules file " + file + ", line 3: expected 4 fields"), e.getMessage());
  }

  @Test
  void load_missingFile_failsNamingFile() {
    Path missing = dir.resolve("missing.rules");

    AccessRulesException e = assertThrows(AccessRulesException.class,
        () -> RuleFilePolicy.load(missing, INTERVAL, ticker));

    assertTrue(e.getMessage().startsWith("Access rules file " + missing + ": cannot be read"), e.getMessage());
  }

  private RuleFilePolicy load(String... lines) throws IOException {
    file = dir.resolve("access.rules");
    write(lines);
    return RuleFilePolicy.load(file, INTERVAL, ticker);
  }

  /** Writes the file with a modification time of its own, so a rewrite is always seen as a change. */
  private void write(String... lines) throws IOException {
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    modified = modified.plusSeconds(1);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static boolean readOrders(AccessPolicy policy) {
    return policy.permits(ALICE, Operation.READ, ResourceType.TOPIC, "orders");
  }

  private static String capturingStandardError(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
