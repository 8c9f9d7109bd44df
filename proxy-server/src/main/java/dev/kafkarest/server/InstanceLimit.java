package dev.kafkarest.server;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * How many consumer instances this process can hold: {@code consumer.instances.max}, lowered to what the
 * process's file descriptor limit leaves once the process itself and the client connections have theirs.
 * Without it the descriptors ran out first (issue 13): creating an instance failed with 422/42204 and new
 * connections were no longer accepted. A full registry answers 429 with {@code Retry-After} instead.
 *
 * @param configured {@code consumer.instances.max}
 * @param maxDescriptors the process's descriptor limit, or -1 where the JVM does not tell it
 * @param connectionDescriptors descriptors kept for client connections
 * @param effective the limit in force
 */
record InstanceLimit(int configured, long maxDescriptors, long connectionDescriptors, int effective) {
  /**
   * Descriptors one instance holds: its consumer's selector (an epoll and an event descriptor, from its
   * creation on), then a socket to the bootstrap broker, one to the group coordinator and one to each broker
   * leading a partition it reads. Measured on a one-broker cluster ({@code InstanceLimitIT}): 2 per idle
   * instance, 5 per instance that has read; 6 leaves room for a second leader.
   */
  static final int DESCRIPTORS_PER_INSTANCE = 6;

  /**
   * Descriptors of the process besides instances and client connections: class path jars, the listeners'
   * selectors, the shared producer's and Admin client's sockets, the partition reader's consumers, the log.
   * 80 to 100 on a one-broker cluster.
   */
  static final int PROCESS_DESCRIPTORS = 256;

  /**
   * {@return the limit for a process with {@code maxDescriptors}}
   *
   * @param connections most client connections ({@code http.connections.max} times the listeners); at most
   *     half the descriptors are kept for them
   */
  static InstanceLimit derive(int configured, OptionalLong maxDescriptors, long connections) {
    if (maxDescriptors.isEmpty()) {
      return new InstanceLimit(configured, -1, 0, configured);
    }
    long max = maxDescriptors.getAsLong();
    long forConnections = Math.min(connections, max / 2);
    long forInstances = Math.max(0, max - PROCESS_DESCRIPTORS - forConnections) / DESCRIPTORS_PER_INSTANCE;
    int effective = (int) Math.max(1, Math.min(configured, forInstances));
    return new InstanceLimit(configured, max, forConnections, effective);
  }

  /** {@return the limit for this process, whose descriptor limit the JVM tells on Unix} */
  static InstanceLimit forThisProcess(int configured, long connections) {
    return derive(configured, processMaxDescriptors(), connections);
  }

  private static OptionalLong processMaxDescriptors() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return OptionalLong.of(unix.getMaxFileDescriptorCount());
    }
    return OptionalLong.empty();
  }

  /** {@return whether the descriptor limit lowered {@code consumer.instances.max}} */
  boolean lowered() {
    return effective < configured;
  }

  /** {@return the derivation in one sentence, for the start-up log} */
  String describe() {
    if (maxDescriptors < 0) {
      return "Consumer instances: at most " + configured + " (consumer.instances.max; the file descriptor limit "
          + "is not known on this platform)";
    }
    long forInstances = Math.max(0, maxDescriptors - PROCESS_DESCRIPTORS - connectionDescriptors);
    return "Consumer instances: at most " + effective + (lowered() ? ", lowered from" : ", as")
        + " consumer.instances.max=" + configured + "; the file descriptor limit " + maxDescriptors + " leaves "
        + forInstances + " after " + PROCESS_DESCRIPTORS + " for the process and " + connectionDescriptors
        + " for client connections, at " + DESCRIPTORS_PER_INSTANCE + " per instance ("
        + (forInstances / DESCRIPTORS_PER_INSTANCE) + ")";
  }
}
