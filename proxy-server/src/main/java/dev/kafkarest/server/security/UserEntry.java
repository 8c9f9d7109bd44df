package dev.kafkarest.server.security;

import java.util.Objects;
import java.util.Set;

/** One user of a users file: name, stored password and roles. */
public record UserEntry(String name, StoredPassword password, Set<String> roles) {
  public UserEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(password, "password");
    roles = Set.copyOf(roles);
  }
}
