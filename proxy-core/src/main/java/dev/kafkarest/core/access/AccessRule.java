package dev.kafkarest.core.access;

import java.util.Set;

/**
 * One line of a rules file: who ({@code subject}) is allowed or denied which operations on the resources
 * whose names match {@code pattern} (exactly, or as a prefix when {@code prefix}).
 */
record AccessRule(boolean allow, Subject subject, Set<Operation> operations, ResourceType type, String pattern,
    boolean prefix) {

  AccessRule {
    operations = Set.copyOf(operations);
  }

  /** {@return whether this rule speaks about this request} */
  boolean matches(Identity identity, Operation operation, ResourceType type, String name) {
    return this.type == type
        && operations.contains(operation)
        && (type == ResourceType.CLUSTER || (prefix ? name.startsWith(pattern) : name.equals(pattern)))
        && subject.matches(identity);
  }

  /** {@return whether this rule speaks about some resource of {@code type}, for this identity and operation} */
  boolean matchesSome(Identity identity, Operation operation, ResourceType type) {
    return this.type == type && operations.contains(operation) && subject.matches(identity);
  }

  /** {@return whether this rule speaks about every resource of {@code type}, for this identity and operation} */
  boolean matchesEvery(Identity identity, Operation operation, ResourceType type) {
    return matchesSome(identity, operation, type) && (type == ResourceType.CLUSTER || prefix && pattern.isEmpty());
  }

  /** Whom a rule is about. */
  record Subject(Kind kind, String name) {
    enum Kind {
      /** An authenticated principal with this name. */
      USER,
      /** Any authenticated principal. */
      ANY_USER,
      /** An authenticated principal that belongs to this group. */
      GROUP,
      /** A request without authentication. */
      ANONYMOUS
    }

    boolean matches(Identity identity) {
      if (!identity.authenticated()) {
        return kind == Kind.ANONYMOUS;
      }
      return switch (kind) {
        case USER -> identity.name().equals(name);
        case ANY_USER -> true;
        case GROUP -> identity.groups().contains(name);
        case ANONYMOUS -> false;
      };
    }
  }
}
