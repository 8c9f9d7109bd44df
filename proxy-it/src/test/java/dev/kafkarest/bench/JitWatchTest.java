package dev.kafkarest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitWatchTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private final AtomicLong compilerCpu = new AtomicLong();
  private final JitWatch watch = new JitWatch(compilerCpu::get, 0.05);

  @Test
  void settled_busyThenQuietOverTwoSeconds_settlesOnlyOnceAQuietSampleEnds() {
    assertFalse(watch.settled(0), "no sample has ended yet");
    compilerCpu.addAndGet(SECOND); // half a core over the first two seconds
    assertFalse(watch.settled(SECOND), "the sample is one second long");
    assertFalse(watch.settled(2 * SECOND));
    assertEquals(0.5, watch.lastShare(), 1e-9);

    compilerCpu.addAndGet(SECOND / 100); // half a percent over the next two
    assertTrue(watch.settled(4 * SECOND));
    assertEquals(0.005, watch.lastShare(), 1e-9);
  }

  @Test
  void settled_beforeAnySampleEnded_isNotSettledAndHasNoShare() {
    assertFalse(watch.settled(0));
    assertFalse(watch.settled(SECOND));
    assertTrue(Double.isNaN(watch.lastShare()));
  }
}
