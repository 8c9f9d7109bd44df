package dev.kafkarest.core.access;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps clients away from the topics the proxy keeps for itself, such as the node directory ({@code
 * nodes.topic}), whatever the policy it wraps says and whatever {@code internal.topics.access} says: a record
 * produced there would tell every node where to forward calls, and deleting the topic would cut the nodes off
 * from each other. They may be listed and described ({@link Operation#DESCRIBE}); every other operation is
 * refused, and subscriptions by pattern never match them.
 */
public final class ProxyTopicGuard implements AccessPolicy {
  private final AccessPolicy delegate;
  private final Set<String> topics;
  /** A look-ahead that fails on exactly the guarded names, put in front of every subscription pattern. */
  private final String notGuarded;

  /** Wraps {@code delegate}, guarding {@code topics}. */
  public ProxyTopicGuard(AccessPolicy delegate, Set<String> topics) {
    this.delegate = delegate;
    this.topics = Set.copyOf(topics);
    this.notGuarded = this.topics.isEmpty() ? ""
        : this.topics.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?!(?:", ")$)"));
  }

  @Override
  public boolean permits(Identity identity, Operation operation, ResourceType type, String name) {
    if (type == ResourceType.TOPIC && operation != Operation.DESCRIBE && topics.contains(name)) {
      return false;
    }
    return delegate.permits(identity, operation, type, name);
  }

  @Override
  public boolean permitsEvery(Identity identity, Operation operation, ResourceType type) {
    boolean guarded = !topics.isEmpty() && type == ResourceType.TOPIC && operation != Operation.DESCRIBE;
    return !guarded && delegate.permitsEvery(identity, operation, type);
  }

  /**
   * {@inheritDoc} The pattern is narrowed to names other than the guarded topics.
   *
   * @throws ProxyException 422/422 for the rare pattern that cannot be narrowed (one that ends inside a
   *     {@code \Q} quote or a {@code (?x)} comment)
   */
  @Override
  public Pattern subscriptionPattern(Identity identity, Pattern pattern) {
    Pattern permitted = delegate.subscriptionPattern(identity, pattern);
    if (notGuarded.isEmpty()) {
      return permitted;
    }
    return SubscriptionPatterns.narrowed(notGuarded, permitted);
  }
}
