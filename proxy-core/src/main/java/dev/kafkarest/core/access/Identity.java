package dev.kafkarest.core.access;

import java.util.Objects;
import java.util.Set;

/**
 * Who made a request, as established by authentication: a principal name and the groups (or roles) it
 * belongs to. Authorization rules, consumer-instance ownership and quotas are decided on this value; it
 * never carries a credential.
 *
 * @param name the principal: a user name, a token subject, or a mapped certificate subject
 * @param groups groups from a token's group claim, or roles from a users file; empty when none
 * @param authenticated false for the anonymous identity used while authentication is off
 */
public record Identity(String name, Set<String> groups, boolean authenticated) {
  private static final Identity ANONYMOUS = new Identity("ANONYMOUS", Set.of(), false);

  public Identity {
    Objects.requireNonNull(name, "name");
    groups = Set.copyOf(groups);
  }

  /** {@return an authenticated identity} */
  public static Identity of(String name, Set<String> groups) {
    return new Identity(name, groups, true);
  }

  /** {@return the identity of every request while authentication is off} */
  public static Identity anonymous() {
    return ANONYMOUS;
  }
}
