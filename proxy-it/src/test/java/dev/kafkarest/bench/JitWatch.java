package dev.kafkarest.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells when a process's JIT compiler has settled: its compiler threads used less than a share of one core over
 * a sample of at least two seconds. C3 starts its steady window then, since compiling is warm-up, not the cost
 * of waiting instances.
 */
final class JitWatch {
  private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final LongSupplier compilerCpuNanos;
  private final double settledShare;
  private boolean sampling;
  private long sampleAt;
  private long sampleCpu;
  private double lastShare = Double.NaN;

  /**
   * @param compilerCpuNanos the compiler threads' CPU time so far, e.g. {@link ProcessStats#compilerCpuNanos}
   * @param settledShare the share of one core below which the compiler counts as settled
   */
  JitWatch(LongSupplier compilerCpuNanos, double settledShare) {
    this.compilerCpuNanos = compilerCpuNanos;
    this.settledShare = settledShare;
  }

  /**
   * Looks at the compiler at {@code now} ({@link System#nanoTime}); a sample ends once it is two seconds long
   * and the next one starts. {@return whether the last sample that ended stayed below the share}
   */
  boolean settled(long now) {
    long cpu = compilerCpuNanos.getAsLong();
    if (!sampling) {
      sampling = true;
    } else if (now - sampleAt >= SAMPLE_NANOS) {
      lastShare = (double) (cpu - sampleCpu) / (now - sampleAt);
    } else {
      return lastShare < settledShare;
    }
    sampleAt = now;
    sampleCpu = cpu;
    return lastShare < settledShare;
  }

  /** {@return the compiler's share of one core in the last sample that ended; NaN before the first} */
  double lastShare() {
    return lastShare;
  }
}
