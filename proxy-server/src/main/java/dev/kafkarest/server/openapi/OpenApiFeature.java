package dev.kafkarest.server.openapi;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Serves the OpenAPI document at {@code /openapi.yaml} and {@code /openapi.json}. The document is read and
 * converted to JSON when the feature is built, so a broken document fails the start, not a request.
 */
public final class OpenApiFeature implements Feature {
  private final OpenApiDocument document;

  /**
   * Reads the document from the class path.
   *
   * @throws IllegalStateException when it is missing or is not valid YAML
   */
  public OpenApiFeature() {
    this.document = OpenApiDocument.load();
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new OpenApiResource(document));
    return true;
  }
}
