package dev.kafkarest.core.nodes;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What this node has read of the directory: the nodes with their URL and last heartbeat, and which node
 * owns each consumer instance. Written by the directory's reader thread, read by request threads.
 *
 * <p>A node is alive while its last heartbeat is younger than the failure timeout; heartbeats carry the
 * broker's append time, so only the broker's and this node's clocks are compared. The instance map is
 * bounded: past {@code maxInstances} entries, new ones are dropped and counted, and their requests are
 * answered only by the node that owns them.
 */
public final class NodeView {
  private final String self;
  private final Duration failureTimeout;
  private final int maxInstances;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Map<OwnedInstance, String> owners = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();

  /** A node as last announced: where it listens and when (epoch milliseconds) it last said so. */
  public record Node(String url, long heartbeatMillis) {}

  public NodeView(String self, Duration failureTimeout, int maxInstances) {
    this.self = self;
    this.failureTimeout = failureTimeout;
    this.maxInstances = maxInstances;
  }

  /**
   * Records a heartbeat of {@code nodeId}, or its departure when {@code url} is null. A heartbeat whose URL is not
   * a plain http or https URL (a host, no user information, query or fragment) is ignored: calls are forwarded to
   * the URL with their path appended, so nothing in it may steer them elsewhere.
   */
  public void node(String nodeId, @Nullable String url, long timestampMillis) {
    if (url == null) {
      nodes.remove(nodeId);
    } else if (isNodeUrl(url)) {
      nodes.merge(nodeId, new Node(url, timestampMillis),
          (old, latest) -> latest.heartbeatMillis() >= old.heartbeatMillis() ? latest : old);
    }
  }

  static boolean isNodeUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Records that {@code nodeId} owns {@code instance}, or that the instance is gone when it is null. */
  public void instance(OwnedInstance instance, @Nullable String nodeId) {
    if (nodeId == null) {
      owners.remove(instance);
    } else if (owners.size() < maxInstances || owners.containsKey(instance)) {
      owners.put(instance, nodeId);
    } else {
      dropped.incrementAndGet();
    }
  }

  /** {@return where requests for {@code instance} go, judged at {@code nowMillis}} */
  public Route route(OwnedInstance instance, long nowMillis) {
    String owner = owners.get(instance);
    if (owner == null) {
      return new Route.Unknown();
    }
    if (owner.equals(self)) {
      return new Route.Here();
    }
    Node node = nodes.get(owner);
    return node != null && alive(node, nowMillis) ? new Route.Remote(owner, node.url()) : new Route.OwnerGone(owner);
  }

  /** {@return whether the directory maps {@code instance} to a live node other than this one} */
  public boolean ownedElsewhere(OwnedInstance instance, long nowMillis) {
    return route(instance, nowMillis) instanceof Route.Remote;
  }

  /**
   * {@return the nodes other than this one that are gone: their heartbeats stopped, or they own instances
   *     but no longer announce themselves}
   */
  public List<String> goneNodes(long nowMillis) {
    Set<String> gone = new TreeSet<>();
    nodes.forEach((id, node) -> {
      if (!id.equals(self) && !alive(node, nowMillis)) {
        gone.add(id);
      }
    });
    owners.values().forEach(id -> {
      if (!id.equals(self) && !nodes.containsKey(id)) {
        gone.add(id);
      }
    });
    return List.copyOf(gone);
  }

  /** {@return the instances the directory gives to {@code nodeId}} */
  public List<OwnedInstance> instancesOf(String nodeId) {
    return owners.entrySet().stream().filter(e -> e.getValue().equals(nodeId)).map(Map.Entry::getKey).toList();
  }

  /**
   * {@return whether this node cleans up after gone nodes: it has the smallest id among the live nodes, so
   *     exactly one node does it while the view is the same everywhere}
   */
  public boolean isJanitor(long nowMillis) {
    return nodes.entrySet().stream()
        .filter(e -> e.getKey().equals(self) || alive(e.getValue(), nowMillis))
        .map(Map.Entry::getKey)
        .min(String::compareTo)
        .map(self::equals)
        .orElse(true);
  }

  /** {@return the live nodes, this one included once it has announced itself} */
  public Map<String, Node> liveNodes(long nowMillis) {
    Map<String, Node> live = new TreeMap<>();
    nodes.forEach((id, node) -> {
      if (alive(node, nowMillis)) {
        live.put(id, node);
      }
    });
    return live;
  }

  /** {@return how many instance entries were dropped because the map was full} */
  public long dropped() {
    return dropped.get();
  }

  /** {@return how many instances the view maps to a node} */
  public int instanceCount() {
    return owners.size();
  }

  private boolean alive(Node node, long nowMillis) {
    return nowMillis - node.heartbeatMillis() < failureTimeout.toMillis();
  }
}
