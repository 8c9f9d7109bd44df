package dev.kafkarest.core.nodes;

/** Where requests for a consumer instance that is not in this node's registry should go. */
public sealed interface Route {

  /** The directory does not know the instance (never created, deleted, or not read yet). */
  record Unknown() implements Route {}

  /** The directory says this node owns it: its registry is the truth, so the instance is gone. */
  record Here() implements Route {}

  /** Another live node owns it, reachable at {@code url}. */
  record Remote(String nodeId, String url) implements Route {}

  /** Its owner {@code nodeId} left or stopped sending heartbeats: the instance is lost with it. */
  record OwnerGone(String nodeId) implements Route {}
}
