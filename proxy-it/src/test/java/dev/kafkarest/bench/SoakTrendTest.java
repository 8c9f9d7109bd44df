package dev.kafkarest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SoakTrendTest {
  private static final List<Double> MINUTES = IntStream.range(0, 30).mapToObj(i -> i / 10.0).toList();

  @Test
  void slope_straightLine_isItsGradient() {
    assertEquals(2.0, SoakTrend.slope(List.of(0.0, 1.0, 2.0, 3.0), List.of(1.0, 3.0, 5.0, 7.0)), 1e-9);
  }

  @Test
  void judge_steadyClimb_growsWithoutBound() {
    List<Double> leaking = MINUTES.stream().map(m -> 50 + 40 * m).toList();

    SoakTrend.Verdict verdict = new SoakTrend("heap after GC", "MB", 8).judge(MINUTES, leaking);

    assertFalse(verdict.bounded(), verdict::toString);
    assertEquals(40, verdict.slopePerMinute(), 1e-6);
  }

  @Test
  void judge_warmUpThenPlateau_isBounded() {
    List<Double> plateau = MINUTES.stream().map(m -> m < 0.8 ? 100 * m : 80 + (m * 10 % 2)).toList();

    assertTrue(new SoakTrend("threads", "", 5).judge(MINUTES, plateau).bounded());
  }

  @Test
  void judge_slowDriftWithinToleranceOverHalfAnHour_isBounded() {
    List<Double> drift = MINUTES.stream().map(m -> 20 + 0.1 * m).toList();

    assertTrue(new SoakTrend("fds", "", 5).judge(MINUTES, drift).bounded());
  }

  @Test
  void judge_tooFewSamples_refuses() {
    assertThrows(IllegalArgumentException.class,
        () -> new SoakTrend("rss", "MB", 64).judge(List.of(0.0, 1.0), List.of(1.0, 2.0)));
  }
}
