package dev.kafkarest.server.security;

import org.jspecify.annotations.Nullable;

/** The users HTTP Basic authenticates against. Thread-safe. */
public interface UserStore {
  /**
   * {@return the user, or null when unknown}; the same instance is returned until the store's source
   * changes, so a caller may use instance identity to notice a reload
   */
  @Nullable UserEntry find(String name);

  /**
   * {@return a stored password to check, result ignored, when a user is unknown, so that unknown users
   * cost as much as known ones}
   */
  StoredPassword decoy();
}
