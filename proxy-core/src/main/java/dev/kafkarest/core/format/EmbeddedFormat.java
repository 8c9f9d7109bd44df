package dev.kafkarest.core.format;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.Locale;

/** The embedded data formats of the v2 API, by the name used in media types and consumer requests. */
public enum EmbeddedFormat {
  BINARY("binary", false),
  JSON("json", false),
  AVRO("avro", true),
  JSONSCHEMA("jsonschema", true),
  PROTOBUF("protobuf", true);

  private final String wireName;
  private final boolean requiresSchema;

  EmbeddedFormat(String wireName, boolean requiresSchema) {
    this.wireName = wireName;
    this.requiresSchema = requiresSchema;
  }

  /** {@return the name used in media types and in the {@code format} field} */
  public String wireName() {
    return wireName;
  }

  /** {@return whether this format needs a schema registry} */
  public boolean requiresSchema() {
    return requiresSchema;
  }

  /**
   * Returns the format with the given name, ignoring case.
   *
   * @throws ProxyException 422 "Invalid format type." for an unknown name
   */
  public static EmbeddedFormat fromName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (EmbeddedFormat format : values()) {
      if (format.wireName.equals(lower)) {
        return format;
      }
    }
    throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, "Invalid format type.");
  }

  /**
   * Fails unless this proxy can handle the format without a schema registry.
   *
   * @throws ProxyException 422/42206 for the schema formats
   */
  public EmbeddedFormat requireSupported() {
    if (requiresSchema) {
      throw new ProxyException(ErrorCode.SCHEMA_REGISTRY_NOT_CONFIGURED,
          "The " + wireName + " format needs a schema registry, which this proxy does not support yet."
              + " Use the binary or json format.");
    }
    return this;
  }
}
