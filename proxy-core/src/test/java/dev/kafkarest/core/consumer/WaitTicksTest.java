package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitTicksTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void lengthen_endOffTheGrid_endsAtTheNextTick() {
    assertEquals(1_007 * MS, WaitTicks.lengthen(3 * MS, 1_000 * MS));
  }

  @Test
  void lengthen_endOnTheGrid_keepsTheWait() {
    assertEquals(1_000 * MS, WaitTicks.lengthen(10 * MS, 1_000 * MS));
  }

  @Test
  void lengthen_negativeTicker_stillEndsOnTheGrid() {
    // System.nanoTime may be negative: the end, -6 ms, goes to the tick at 0.
    assertEquals(1_006 * MS, WaitTicks.lengthen(-1_006 * MS, 1_000 * MS));
  }
}
