package dev.kafkarest.core.access;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether an identity may perform an operation on a resource.
 *
 * <p>Implementations are thread-safe and answer without blocking on the network, so they can be asked on
 * a request thread, once per request and once per name of a listing. A refusal says nothing about whether
 * the resource exists, so callers check access before existence.
 */
public interface AccessPolicy {
  /** {@return whether {@code identity} may perform {@code operation} on the resource {@code type}/{@code name}} */
  boolean permits(Identity identity, Operation operation, ResourceType type, String name);

  /**
   * {@return whether {@code identity} may perform {@code operation} on every resource of {@code type},
   *     whatever its name, now and later}: for requests that name no resource, such as a subscription by
   *     pattern. False unless an implementation can prove it.
   */
  default boolean permitsEvery(Identity identity, Operation operation, ResourceType type) {
    return false;
  }

  /**
   * {@return the pattern a consumer of {@code identity} may subscribe with, in place of {@code pattern}}: a
   * pattern matches topics that do not exist yet, so it is only permitted to callers who may {@link
   * Operation#READ} every topic; a policy may narrow the pattern further.
   *
   * @throws ProxyException 403/40301 when {@code identity} may not read every topic
   */
  default Pattern subscriptionPattern(Identity identity, Pattern pattern) {
    if (!permitsEvery(identity, Operation.READ, ResourceType.TOPIC)) {
      throw new ProxyException(ErrorCode.NOT_AUTHORIZED,
          "Not authorized to read every topic, which a topic_pattern subscription needs; "
              + "subscribe to a list of topics");
    }
    return pattern;
  }

  /**
   * Returns normally when {@link #permits} does.
   *
   * @throws ProxyException 403/40301 whose message names the operation and the resource, and nothing else
   */
  default void check(Identity identity, Operation operation, ResourceType type, String name) {
    if (!permits(identity, operation, type, name)) {
      throw new ProxyException(ErrorCode.NOT_AUTHORIZED, refusal(operation, type, name));
    }
  }

  /**
   * {@return the names, in their order, on which {@code identity} may perform {@code operation}}: for a
   * listing such as {@code GET /topics}, which shows only the topics a caller may {@link Operation#DESCRIBE}.
   */
  default List<String> filter(Identity identity, Operation operation, ResourceType type, Collection<String> names) {
    List<String> permitted = new ArrayList<>(names.size());
    for (String name : names) {
      if (permits(identity, operation, type, name)) {
        permitted.add(name);
      }
    }
    return permitted;
  }

  /** {@return a policy that permits everything: authorization off} */
  static AccessPolicy allowAll() {
    return AllowAll.INSTANCE;
  }

  /** {@return the message of a refusal: the operation and the resource, never the identity or the rules} */
  private static String refusal(Operation operation, ResourceType type, String name) {
    return type == ResourceType.CLUSTER
        ? "Not authorized to " + operation.ruleName() + " the cluster"
        : "Not authorized to " + operation.ruleName() + " " + type.ruleName() + " '" + name + "'";
  }
}
