package dev.kafkarest.core.access;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Keeps clients from producing to, consuming from, creating, deleting and altering Kafka's internal topics,
 * whatever the policy it wraps says, unless internal-topic access is switched on: deleting {@code
 * __consumer_offsets} loses every group's committed offsets.
 *
 * <p>A topic is internal when its name starts with {@code __} ({@code __consumer_offsets}, {@code
 * __transaction_state}, {@code __share_group_state}, ...) or when the cluster's metadata says so. Every operation
 * but {@link Operation#DESCRIBE} is refused: internal topics can still be listed and described, as the wrapped
 * policy decides. With access switched on, the wrapped policy alone decides.
 *
 * <p>A subscription by pattern is narrowed so that it never matches a name starting with {@code __}; Kafka's
 * consumer leaves out the topics the cluster marks internal by itself ({@code exclude.internal.topics}).
 */
public final class InternalTopicGuard implements AccessPolicy {
  private final AccessPolicy delegate;
  private final boolean internalTopicsAccess;
  private final Predicate<String> internalInMetadata;

  /**
   * Wraps {@code delegate}. {@code internalInMetadata} tells whether the cluster marks a topic internal; it
   * is asked on request threads, so it must answer from memory (a cache of metadata), or always false.
   */
  public InternalTopicGuard(AccessPolicy delegate, boolean internalTopicsAccess,
      Predicate<String> internalInMetadata) {
    this.delegate = delegate;
    this.internalTopicsAccess = internalTopicsAccess;
    this.internalInMetadata = internalInMetadata;
  }

  /** {@return whether the name alone marks {@code topic} as internal: it starts with {@code __}} */
  public static boolean hasInternalName(String topic) {
    return topic.startsWith("__");
  }

  @Override
  public boolean permits(Identity identity, Operation operation, ResourceType type, String name) {
    if (!internalTopicsAccess
        && type == ResourceType.TOPIC
        && operation != Operation.DESCRIBE
        && (hasInternalName(name) || internalInMetadata.test(name))) {
      return false;
    }
    return delegate.permits(identity, operation, type, name);
  }

  @Override
  public boolean permitsEvery(Identity identity, Operation operation, ResourceType type) {
    boolean guarded = type == ResourceType.TOPIC && operation != Operation.DESCRIBE;
    return (internalTopicsAccess || !guarded) && delegate.permitsEvery(identity, operation, type);
  }

  /**
   * {@inheritDoc} Without internal-topic access, the pattern is narrowed to names not starting with {@code
   * __}.
   *
   * @throws ProxyException 422/422 for the rare pattern that cannot be narrowed (one that ends inside a
   *     {@code \Q} quote or a {@code (?x)} comment)
   */
  @Override
  public Pattern subscriptionPattern(Identity identity, Pattern pattern) {
    Pattern permitted = delegate.subscriptionPattern(identity, pattern);
    if (internalTopicsAccess) {
      return permitted;
    }
    return SubscriptionPatterns.narrowed("(?!__)", permitted);
  }
}
