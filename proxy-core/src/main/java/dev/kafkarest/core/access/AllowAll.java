package dev.kafkarest.core.access;

/** The policy while authorization is off: everything is permitted, on every name. */
enum AllowAll implements AccessPolicy {
  INSTANCE;

  @Override
  public boolean permits(Identity identity, Operation operation, ResourceType type, String name) {
    return true;
  }

  @Override
  public boolean permitsEvery(Identity identity, Operation operation, ResourceType type) {
    return true;
  }
}
