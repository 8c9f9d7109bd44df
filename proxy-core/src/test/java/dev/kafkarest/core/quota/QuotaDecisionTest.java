package dev.kafkarest.core.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaDecisionTest {
  @ParameterizedTest(name = "{0} ns -> {1} s")
  @CsvSource({
      "0, 1",
      "1, 1",
      "999999999, 1",
      "1000000000, 1",
      "1000000001, 2",
      "2500000000, 3",
      "9223372036854775807, 9223372037",
  })
  void retryAfterNanos_roundsUpToWholeSecondsAtLeastOne(long nanos, long seconds) {
    assertEquals(new QuotaDecision(false, seconds), QuotaDecision.retryAfterNanos(nanos));
  }

  @Test
  void new_refusalWithoutWait_fails() {
    assertThrows(IllegalArgumentException.class, () -> new QuotaDecision(false, 0));
  }
}
