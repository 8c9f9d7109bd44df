package dev.kafkarest.server.console;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Serves the browser console at {@code /console} when {@code console.enabled} is on. Its files are read when
 * the feature is built, so a missing file fails the start, not a request.
 */
public final class ConsoleFeature implements Feature {
  private final ConsoleResource resource;

  public ConsoleFeature() {
    this.resource = new ConsoleResource();
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(resource);
    return true;
  }
}
