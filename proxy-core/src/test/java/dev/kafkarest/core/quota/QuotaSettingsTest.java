package dev.kafkarest.core.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaSettingsTest {
  private static final QuotaLimits DEFAULTS = new QuotaLimits(new QuotaRate(10, 1_000), new QuotaRate(20, 2_000));

  @Test
  void limitsFor_principalWithOverride_getsOverride() {
    QuotaLimits alice = DEFAULTS.with(QuotaKind.CONSUME, DEFAULTS.consume().withBytesPerSecond(5_000));
    QuotaSettings settings = settings(DEFAULTS, Map.of("alice", alice), 0);

    assertEquals(new QuotaLimits(new QuotaRate(10, 1_000), new QuotaRate(20, 5_000)),
        settings.limitsFor(new QuotaKey("alice", true)));
    assertEquals(DEFAULTS, settings.limitsFor(new QuotaKey("bob", true)));
    assertEquals(DEFAULTS, settings.limitsFor(new QuotaKey("alice", false)));
  }

  @Test
  void limitsNothing_onlyWhenNoRateAndNoCap() {
    assertTrue(QuotaSettings.unlimited().limitsNothing());
    assertFalse(settings(DEFAULTS, Map.of(), 0).limitsNothing());
    assertFalse(settings(QuotaLimits.UNLIMITED, Map.of("alice", DEFAULTS), 0).limitsNothing());
    assertFalse(settings(QuotaLimits.UNLIMITED, Map.of(), 1).limitsNothing());
  }

  @Test
  void new_invalidValues_failNamingTheValue() {
    assertThrows(IllegalArgumentException.class, () -> new QuotaRate(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new QuotaRate(0, -1));
    assertThrows(IllegalArgumentException.class, () -> settings(DEFAULTS, Map.of(), -1));
    assertThrows(IllegalArgumentException.class,
        () -> new QuotaSettings(DEFAULTS, Map.of(), 0, 0, Duration.ofMinutes(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QuotaSettings(DEFAULTS, Map.of(), 0, 10, Duration.ZERO));
    assertTrue(e.getMessage().contains("idle timeout"), e.getMessage());
  }

  private static QuotaSettings settings(QuotaLimits defaults, Map<String, QuotaLimits> overrides, long inFlight) {
    return new QuotaSettings(defaults, overrides, inFlight, 100, Duration.ofMinutes(1));
  }
}
