package dev.kafkarest.core.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.Identity;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuotaGuardTest {
  private static final QuotaKey ALICE = new QuotaKey("alice", true);
  private static final QuotaKey BOB = new QuotaKey("bob", true);

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final Ticker ticker = nanos::get;

  @Test
  void tryAcquire_unlimited_grantsAndKeepsNoState() {
    QuotaGuard guard = new QuotaGuard(QuotaSettings.unlimited(), ticker);

    for (int i = 0; i < 1_000; i++) {
      assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 1_000_000).granted());
    }
    assertEquals(0, guard.trackedClients());
  }

  @Test
  void tryAcquire_requestsBeyondBurst_refusedForOneSecond() {
    QuotaGuard guard = guard(new QuotaRate(2, 0), QuotaRate.UNLIMITED);

    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 10).granted());
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 10).granted());
    QuotaDecision refused = guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 10);

    assertEquals(new QuotaDecision(false, 1), refused);
  }

  @Test
  void tryAcquire_afterRefill_grantedAgain() {
    QuotaGuard guard = guard(new QuotaRate(2, 0), QuotaRate.UNLIMITED);
    guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0);
    guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0);

    advance(Duration.ofMillis(499));
    assertFalse(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0).granted());
    advance(Duration.ofMillis(1));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0).granted());
    assertFalse(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0).granted());
  }

  @Test
  void tryAcquire_bytesBeyondRate_refusedUntilRefilled() {
    QuotaGuard guard = guard(new QuotaRate(0, 1_000), QuotaRate.UNLIMITED);

    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 600).granted());
    assertEquals(new QuotaDecision(false, 1), guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 600));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 400).granted());

    advance(Duration.ofMillis(600));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 600).granted());
  }

  @Test
  void tryAcquire_bodyLargerThanBucket_grantedWhenFullAndLeavesDebt() {
    QuotaGuard guard = guard(new QuotaRate(0, 1_000), QuotaRate.UNLIMITED);
    guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 1);

    assertEquals(new QuotaDecision(false, 1), guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 2_500));
    advance(Duration.ofMillis(1));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 2_500).granted());

    // 1,500 bytes owed, plus the one byte asked for: 1.501 s.
    assertEquals(new QuotaDecision(false, 2), guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 1));
    advance(Duration.ofMillis(1_501));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 1).granted());
  }

  @Test
  void tryAcquire_refusedForBytes_doesNotSpendARequest() {
    QuotaGuard guard = guard(new QuotaRate(2, 100), QuotaRate.UNLIMITED);
    guard.charge(ALICE, QuotaKind.PRODUCE, 100);
    for (int i = 0; i < 5; i++) {
      assertFalse(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0).granted());
    }

    advance(Duration.ofMillis(10)); // one byte back, not a whole request

    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0).granted());
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0).granted());
  }

  @Test
  void tryAcquire_refusedForRequestsAndBytes_waitsForTheLonger() {
    QuotaGuard guard = guard(new QuotaRate(1, 100), QuotaRate.UNLIMITED);
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 100).granted());
    guard.charge(ALICE, QuotaKind.PRODUCE, 250);

    assertEquals(new QuotaDecision(false, 3), guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 50));
  }

  @Test
  void tryAcquire_produceExhausted_consumeStillGranted() {
    QuotaGuard guard = guard(new QuotaRate(1, 100), new QuotaRate(1, 100));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 100).granted());
    assertFalse(guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 1).granted());

    assertTrue(guard.tryAcquire(ALICE, QuotaKind.CONSUME, 100).granted());
    assertFalse(guard.tryAcquire(ALICE, QuotaKind.CONSUME, 1).granted());
  }

  @Test
  void tryAcquire_onlyProduceLimited_consumeUnlimited() {
    QuotaGuard guard = guard(new QuotaRate(1, 0), QuotaRate.UNLIMITED);

    for (int i = 0; i < 100; i++) {
      assertTrue(guard.tryAcquire(ALICE, QuotaKind.CONSUME, 1_000_000).granted());
    }
  }

  @Test
  void tryAcquire_override_appliesToThatPrincipalOnly() {
    QuotaLimits defaults = new QuotaLimits(new QuotaRate(1, 0), QuotaRate.UNLIMITED);
    QuotaLimits aliceLimits = defaults.with(QuotaKind.PRODUCE, new QuotaRate(3, 0));
    QuotaGuard guard = new QuotaGuard(settings(defaults, Map.of("alice", aliceLimits)), ticker);
    QuotaKey addressNamedAlice = new QuotaKey("alice", false);

    assertEquals(3, grantedInARow(guard, ALICE, QuotaKind.PRODUCE));
    assertEquals(1, grantedInARow(guard, BOB, QuotaKind.PRODUCE));
    assertEquals(1, grantedInARow(guard, addressNamedAlice, QuotaKind.PRODUCE));
  }

  @Test
  void tryAcquire_overrideWithZeroRate_exemptsPrincipal() {
    QuotaLimits defaults = new QuotaLimits(new QuotaRate(1, 10), new QuotaRate(1, 10));
    QuotaGuard guard = new QuotaGuard(settings(defaults, Map.of("admin", QuotaLimits.UNLIMITED)), ticker);

    for (int i = 0; i < 100; i++) {
      assertTrue(guard.tryAcquire(new QuotaKey("admin", true), QuotaKind.PRODUCE, 1_000).granted());
    }
  }

  @Test
  void tryAcquire_anonymousClients_countedByAddress() {
    QuotaGuard guard = guard(new QuotaRate(1, 0), QuotaRate.UNLIMITED);
    QuotaKey first = QuotaKey.of(Identity.anonymous(), "10.0.0.1");
    QuotaKey sameAddress = QuotaKey.of(Identity.anonymous(), "10.0.0.1");
    QuotaKey other = QuotaKey.of(Identity.anonymous(), "10.0.0.2");

    assertTrue(guard.tryAcquire(first, QuotaKind.PRODUCE, 0).granted());
    assertFalse(guard.tryAcquire(sameAddress, QuotaKind.PRODUCE, 0).granted());
    assertTrue(guard.tryAcquire(other, QuotaKind.PRODUCE, 0).granted());
  }

  @Test
  void of_authenticated_keyedByPrincipalNotAddress() {
    QuotaKey key = QuotaKey.of(Identity.of("alice", Set.of("g")), "10.0.0.1");

    assertEquals(new QuotaKey("alice", true), key);
    assertEquals(new QuotaKey("10.0.0.1", false), QuotaKey.of(Identity.anonymous(), "10.0.0.1"));
  }

  @Test
  void charge_consumedBytes_nextReadWaitsUntilDebtRepaid() {
    QuotaGuard guard = guard(QuotaRate.UNLIMITED, new QuotaRate(0, 1_000));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.CONSUME, 0).granted());

    guard.charge(ALICE, QuotaKind.CONSUME, 3_000);

    // 2,000 bytes owed: the next read waits until one byte is back, 2.001 s.
    assertEquals(new QuotaDecision(false, 3), guard.tryAcquire(ALICE, QuotaKind.CONSUME, 0));
    advance(Duration.ofMillis(2_000));
    assertFalse(guard.tryAcquire(ALICE, QuotaKind.CONSUME, 0).granted());
    advance(Duration.ofMillis(1));
    assertTrue(guard.tryAcquire(ALICE, QuotaKind.CONSUME, 0).granted());
  }

  @Test
  void chargeAndOwedNanos_bytesBeyondTheAllowance_tellsHowLongUntilRepaid() {
    QuotaGuard guard = guard(QuotaRate.UNLIMITED, new QuotaRate(0, 1_000));

    assertEquals(0, guard.chargeAndOwedNanos(ALICE, QuotaKind.CONSUME, 500), "within the bucket");
    long owed = guard.chargeAndOwedNanos(ALICE, QuotaKind.CONSUME, 2_500); // 2,000 owed

    assertEquals(Duration.ofMillis(2_001).toNanos(), owed);
    assertEquals(0, guard(QuotaRate.UNLIMITED, new QuotaRate(5, 0)).chargeAndOwedNanos(ALICE, QuotaKind.CONSUME,
        1_000_000), "no byte limit");
  }

  @Test
  void charge_withoutByteLimit_changesNothing() {
    QuotaGuard guard = guard(QuotaRate.UNLIMITED, new QuotaRate(5, 0));

    guard.charge(ALICE, QuotaKind.CONSUME, 1_000_000);

    assertEquals(5, grantedInARow(guard, ALICE, QuotaKind.CONSUME));
  }

  @Test
  void trackedClients_manyClients_boundedByMaximum() {
    QuotaSettings settings = new QuotaSettings(new QuotaLimits(new QuotaRate(1, 0), QuotaRate.UNLIMITED),
        Map.of(), 0, 3, Duration.ofMinutes(1));
    QuotaGuard guard = new QuotaGuard(settings, ticker);

    for (int i = 0; i < 50; i++) {
      guard.tryAcquire(new QuotaKey("10.0.0." + i, false), QuotaKind.PRODUCE, 0);
    }

    assertTrue(guard.trackedClients() <= 3, "tracked " + guard.trackedClients());
  }

  @Test
  void trackedClients_idleClient_expires() {
    QuotaGuard guard = guard(new QuotaRate(1, 0), QuotaRate.UNLIMITED);
    guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0);
    advance(Duration.ofSeconds(30));
    guard.tryAcquire(ALICE, QuotaKind.PRODUCE, 0);
    assertEquals(1, guard.trackedClients());

    advance(Duration.ofSeconds(59));
    assertEquals(1, guard.trackedClients());
    advance(Duration.ofSeconds(1));
    assertEquals(0, guard.trackedClients());
  }

  @Test
  void tryAcquireProduceBytesInFlight_overCap_refusedUntilReleased() {
    QuotaGuard guard = new QuotaGuard(new QuotaSettings(QuotaLimits.UNLIMITED, Map.of(), 1_000,
        QuotaSettings.DEFAULT_MAX_TRACKED_CLIENTS, QuotaSettings.DEFAULT_IDLE_TIMEOUT), ticker);

    assertTrue(guard.tryAcquireProduceBytesInFlight(600).granted());
    assertTrue(guard.tryAcquireProduceBytesInFlight(400).granted());
    assertEquals(new QuotaDecision(false, 1), guard.tryAcquireProduceBytesInFlight(1));
    assertEquals(1_000, guard.produceBytesInFlight());

    guard.releaseProduceBytesInFlight(600);

    assertTrue(guard.tryAcquireProduceBytesInFlight(600).granted());
    assertEquals(1_000, guard.produceBytesInFlight());
  }

  @Test
  void tryAcquireProduceBytesInFlight_bodyLargerThanCapAlone_granted() {
    QuotaGuard guard = new QuotaGuard(new QuotaSettings(QuotaLimits.UNLIMITED, Map.of(), 1_000,
        QuotaSettings.DEFAULT_MAX_TRACKED_CLIENTS, QuotaSettings.DEFAULT_IDLE_TIMEOUT), ticker);

    assertTrue(guard.tryAcquireProduceBytesInFlight(5_000).granted());
    assertFalse(guard.tryAcquireProduceBytesInFlight(1).granted());
    guard.releaseProduceBytesInFlight(5_000);
    assertEquals(0, guard.produceBytesInFlight());
  }

  @Test
  void tryAcquireProduceBytesInFlight_noCap_alwaysGranted() {
    QuotaGuard guard = new QuotaGuard(QuotaSettings.unlimited(), ticker);

    for (int i = 0; i < 100; i++) {
      assertTrue(guard.tryAcquireProduceBytesInFlight(Integer.MAX_VALUE).granted());
    }
  }

  private QuotaGuard guard(QuotaRate produce, QuotaRate consume) {
    return new QuotaGuard(settings(new QuotaLimits(produce, consume), Map.of()), ticker);
  }

  private static QuotaSettings settings(QuotaLimits defaults, Map<String, QuotaLimits> overrides) {
    return new QuotaSettings(defaults, overrides, 0, QuotaSettings.DEFAULT_MAX_TRACKED_CLIENTS,
        Duration.ofMinutes(1));
  }

  private static int grantedInARow(QuotaGuard guard, QuotaKey key, QuotaKind kind) {
    int granted = 0;
    while (guard.tryAcquire(key, kind, 0).granted()) {
      granted++;
    }
    return granted;
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
