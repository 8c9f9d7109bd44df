package dev.kafkarest.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document in both forms, read once: the YAML as written, and the JSON converted from it.
 * Immutable and thread-safe.
 */
final class OpenApiDocument {
  /** Class-path location of the document. */
  static final String RESOURCE = "/openapi/openapi.yaml";

  private final byte[] yaml;
  private final byte[] json;

  private OpenApiDocument(byte[] yaml, byte[] json) {
    this.yaml = yaml;
    this.json = json;
  }

  /**
   * Reads the document from the class path and converts it to JSON.
   *
   * @throws IllegalStateException when the document is missing or is not valid YAML
   */
  static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI document " + RESOURCE + " is not on the class path");
      }
      return of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /**
   * {@return the document written as {@code yaml}}
   *
   * @throws IllegalStateException when the YAML cannot be parsed
   */
  static OpenApiDocument of(byte[] yaml) {
    try {
      JsonNode tree = new YAMLMapper().readTree(yaml);
      if (tree == null || !tree.isObject()) {
        throw new IllegalStateException("OpenAPI document " + RESOURCE + " is not a YAML mapping");
      }
      return new OpenApiDocument(yaml.clone(), new ObjectMapper().writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new IllegalStateException("OpenAPI document " + RESOURCE + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Writes the YAML as read. */
  void writeYaml(OutputStream out) throws IOException {
    out.write(yaml);
  }

  /** Writes the compact JSON form. */
  void writeJson(OutputStream out) throws IOException {
    out.write(json);
  }
}
