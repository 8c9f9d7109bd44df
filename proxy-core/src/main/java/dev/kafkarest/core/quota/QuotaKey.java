package dev.kafkarest.core.quota;

import dev.kafkarest.core.access.Identity;

/**
 * Whom a quota is counted for: an authenticated principal by name, or an anonymous client by its address.
 * A principal and an address never share a key, even when spelled alike.
 *
 * @param name the principal name, or the client address
 * @param principal whether {@code name} is a principal
 */
public record QuotaKey(String name, boolean principal) {
  /** {@return the key of a request: its principal when authenticated, else {@code clientAddress}} */
  public static QuotaKey of(Identity identity, String clientAddress) {
    return identity.authenticated() ? new QuotaKey(identity.name(), true) : new QuotaKey(clientAddress, false);
  }
}
