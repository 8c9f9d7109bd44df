package dev.kafkarest.core.nodes;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.ConsumerInstanceId;

/**
 * A consumer instance as the directory knows it: names are scoped per owner, exactly as in {@link
 * dev.kafkarest.core.consumer.ConsumerRegistry}, so two principals' instances of the same name are two
 * entries.
 *
 * @param principal the owner's principal name
 * @param authenticated whether the owner authenticated (false for the anonymous identity)
 */
public record OwnedInstance(String principal, boolean authenticated, String group, String name) {

  /** {@return the entry for {@code owner}'s instance {@code id}} */
  public static OwnedInstance of(Identity owner, ConsumerInstanceId id) {
    return new OwnedInstance(owner.name(), owner.authenticated(), id.group(), id.name());
  }
}
