package dev.kafkarest.it;

import java.net.URI;
import java.util.List;

/**
 * A plain round-robin load balancer in front of proxy nodes, knowing nothing of HTTP, instances or nodes: each new
 * connection goes to the next backend, skipping one that refuses connections.
 */
public interface Balancer extends AutoCloseable {
  /** {@return where clients connect} */
  URI uri();

  /** {@return what balances: HAProxy, or the tests' own} */
  String kind();

  /** {@return the index of the backend each connection went to, in the order they were made} */
  List<Integer> connections();

  @Override
  void close();

  /**
   * {@return HAProxy ({@code mode tcp}, {@code balance roundrobin}) in front of {@code backends} when it is installed
   *     ({@code .ci/run} installs it), else the tests' own {@link RoundRobinBalancer}, saying so}
   */
  static Balancer start(List<URI> backends) {
    if (HaproxyBalancer.executable().isPresent()) {
      return HaproxyBalancer.start(backends);
    }
    System.err.println("HAProxy is not installed (.ci/run installs the Debian package); the nodes are balanced by "
        + "the tests' own round-robin TCP balancer instead.");
    return new RoundRobinBalancer(backends);
  }
}
