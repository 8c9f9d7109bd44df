package dev.kafkarest.bench;

import org.jspecify.annotations.Nullable;

/**
 * CPU use over a measurement window, in percent of one core (200 % is both cores of a 2-core box), and
 * the proxy's resident memory at the end of the window.
 *
 * @param proxyCpu the proxy process (NaN when the cell did not involve a proxy)
 * @param brokerCpu the broker process
 * @param clientCpu the benchmark process itself (load generator or native client)
 * @param proxyRss the proxy's resident set size in bytes (0 when no proxy)
 */
record Usage(double proxyCpu, double brokerCpu, double clientCpu, long proxyRss) {

  /** Starts a window. */
  static Meter begin(@Nullable ProcessStats proxy, ProcessStats broker) {
    return new Meter(proxy, broker);
  }

  /** A running window. */
  static final class Meter {
    private final @Nullable ProcessStats proxy;
    private final ProcessStats broker;
    private final ProcessStats self = ProcessStats.self();
    private final long wall0 = System.nanoTime();
    private final long proxy0;
    private final long broker0;
    private final long self0;

    private Meter(@Nullable ProcessStats proxy, ProcessStats broker) {
      this.proxy = proxy;
      this.broker = broker;
      this.proxy0 = proxy == null ? 0 : proxy.cpuNanos();
      this.broker0 = broker.cpuNanos();
      this.self0 = self.cpuNanos();
    }

    Usage end() {
      double wall = System.nanoTime() - wall0;
      double proxyCpu = proxy == null ? Double.NaN : (proxy.cpuNanos() - proxy0) * 100.0 / wall;
      return new Usage(proxyCpu, (broker.cpuNanos() - broker0) * 100.0 / wall, (self.cpuNanos() - self0) * 100.0 / wall,
          proxy == null ? 0 : proxy.rssBytes());
    }
  }
}
