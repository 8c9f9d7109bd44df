package dev.kafkarest.core.consumer;

import java.util.concurrent.TimeUnit;

/**
 * The grid a waiting read's timer falls on: a timer is due at the first multiple of {@link #TICK_NANOS} on the
 * ticker at or after the wait's end. Reads whose waits end within the same tick are then due at the same moment,
 * and the scheduler's thread ends them all in one wake-up (1,000 long polls a second with a one-second timeout:
 * about 100 wake-ups a second instead of 1,000, and their answers reach the response threads in bursts). A wait
 * ends at most one tick later than asked.
 */
final class WaitTicks {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private WaitTicks() {}

  /** {@return {@code waitNanos} from {@code now} (ticker time), lengthened so that the wait ends on the grid} */
  static long lengthen(long now, long waitNanos) {
    long beyondTick = Math.floorMod(now + waitNanos, TICK_NANOS);
    return beyondTick == 0 ? waitNanos : waitNanos + TICK_NANOS - beyondTick;
  }
}
