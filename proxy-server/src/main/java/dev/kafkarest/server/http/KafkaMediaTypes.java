package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The v2 media types, and the one parser that turns a Content-Type or Accept type into an embedded
 * format. Besides Confluent's strict v2 set, the proxy accepts what real clients send: the v1 types,
 * {@code application/vnd.kafka+json}, {@code application/json} and {@code application/octet-stream}
 * (all meaning binary where a format is needed).
 */
public final class KafkaMediaTypes {
  public static final String V2_JSON = "application/vnd.kafka.v2+json";
  public static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";
  public static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
  public static final String AVRO_V2 = "application/vnd.kafka.avro.v2+json";
  public static final String JSONSCHEMA_V2 = "application/vnd.kafka.jsonschema.v2+json";
  public static final String PROTOBUF_V2 = "application/vnd.kafka.protobuf.v2+json";
  public static final String V1_JSON = "application/vnd.kafka.v1+json";
  public static final String BINARY_V1 = "application/vnd.kafka.binary.v1+json";
  public static final String JSON_V1 = "application/vnd.kafka.json.v1+json";
  public static final String AVRO_V1 = "application/vnd.kafka.avro.v1+json";
  public static final String KAFKA_JSON = "application/vnd.kafka+json";
  public static final String JSON = MediaType.APPLICATION_JSON;
  public static final String OCTET_STREAM = MediaType.APPLICATION_OCTET_STREAM;

  /**
   * Response types of the v2 endpoints, for {@code @Produces}: Confluent's v2 type first, so that no
   * Accept header or {@code *}{@code /*} gets it, then the generic types real clients ask for.
   */
  public static final String V2_RESPONSE_TYPES = V2_JSON + "," + KAFKA_JSON + ";qs=0.8," + JSON + ";qs=0.8,"
      + V1_JSON + ";qs=0.7";

  /** Request types of a produce body, for {@code @Consumes}; the generic ones mean binary. */
  public static final String PRODUCE_TYPES = BINARY_V2 + "," + JSON_V2 + "," + AVRO_V2 + "," + JSONSCHEMA_V2 + ","
      + PROTOBUF_V2 + "," + BINARY_V1 + "," + JSON_V1 + "," + AVRO_V1 + "," + V2_JSON + "," + V1_JSON + ","
      + KAFKA_JSON + "," + JSON + "," + OCTET_STREAM;

  /**
   * Response types of the consumer endpoints: as {@link #V2_RESPONSE_TYPES}, plus the embedded types at
   * a low weight, which Confluent's consumer resource also answers with.
   */
  public static final String CONSUMER_RESPONSE_TYPES = V2_RESPONSE_TYPES + "," + BINARY_V2 + ";qs=0.1," + JSON_V2
      + ";qs=0.1," + AVRO_V2 + ";qs=0.1," + JSONSCHEMA_V2 + ";qs=0.1," + PROTOBUF_V2 + ";qs=0.1";

  /** Response types of a records read: every embedded type, and the generic ones. */
  public static final String RECORDS_RESPONSE_TYPES = BINARY_V2 + "," + JSON_V2 + "," + AVRO_V2 + ","
      + JSONSCHEMA_V2 + "," + PROTOBUF_V2 + "," + V2_JSON + ";qs=0.9," + BINARY_V1 + ";qs=0.5," + JSON_V1
      + ";qs=0.5," + V1_JSON + ";qs=0.5," + KAFKA_JSON + ";qs=0.5," + JSON + ";qs=0.5";

  /** Request types of the JSON bodies of the other v2 endpoints. */
  public static final String V2_REQUEST_TYPES = V2_JSON + "," + BINARY_V2 + "," + JSON_V2 + "," + AVRO_V2 + ","
      + JSONSCHEMA_V2 + "," + PROTOBUF_V2 + "," + V1_JSON + "," + KAFKA_JSON + "," + JSON;

  private static final Pattern VENDOR =
      Pattern.compile("application/vnd\\.kafka(?:\\.([a-z]+))?(?:\\.(v[12]))?\\+json");

  private KafkaMediaTypes() {}

  /**
   * Returns the embedded format a produce Content-Type selects; a missing type or a generic one means
   * binary.
   */
  public static EmbeddedFormat produceFormat(@Nullable MediaType contentType) {
    if (contentType == null || contentType.isWildcardType()) {
      return EmbeddedFormat.BINARY;
    }
    EmbeddedFormat format = embeddedFormat(contentType);
    return format == null ? EmbeddedFormat.BINARY : format;
  }

  /** {@return the v2 media type of an embedded format, as records of that format are served} */
  public static MediaType recordsType(EmbeddedFormat format) {
    return recordsType(format, "v2");
  }

  /** {@return the media type of an embedded format in one API version ({@code v1} or {@code v2})} */
  public static MediaType recordsType(EmbeddedFormat format, String version) {
    return MediaType.valueOf("application/vnd.kafka." + format.wireName() + "." + version + "+json");
  }

  /**
   * Picks the media type of a records response from the Accept list, in the client's order of preference.
   * A type that names an embedded format must name the instance's (the schema formats stand for one
   * another); the response is then that format's type in the version the client named ({@code v1} types
   * are echoed as v1). {@code application/json} is answered as such; {@code *}{@code /*} and the vendor
   * types without a format get the format's type in their version (v2 when they name none). Other types
   * are passed over; when none decides, the response has the format's v2 type.
   *
   * @param acceptable the Accept list, most preferred first
   * @throws ProxyException 406/40601 when the first type naming a format names another than {@code format}
   */
  public static MediaType recordsResponseType(EmbeddedFormat format, List<MediaType> acceptable) {
    return recordsResponseType(format, acceptable, "v2");
  }

  /**
   * As {@link #recordsResponseType(EmbeddedFormat, List)}, with {@code defaultVersion} for the types that
   * name no version ({@code *}{@code /*}, {@code application/vnd.kafka+json}, none at all).
   */
  public static MediaType recordsResponseType(EmbeddedFormat format, List<MediaType> acceptable,
      String defaultVersion) {
    for (MediaType accepted : acceptable) {
      EmbeddedFormat asked = accepted.isWildcardSubtype() ? null : embeddedFormat(accepted);
      if (asked != null) {
        if (asked != format && !(asked.requiresSchema() && format.requiresSchema())) {
          throw new ProxyException(ErrorCode.CONSUMER_FORMAT_MISMATCH);
        }
        return recordsType(format, versionOf(accepted, defaultVersion));
      }
      if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !accepted.isWildcardType()
          && !accepted.isWildcardSubtype()) {
        return MediaType.APPLICATION_JSON_TYPE;
      }
      if (accepted.isWildcardType() || accepted.getSubtype().startsWith("vnd.kafka")) {
        return recordsType(format, versionOf(accepted, defaultVersion));
      }
    }
    return recordsType(format, defaultVersion);
  }

  /**
   * {@return the embedded format a stateless read serves}: the one named by the first acceptable type
   * that names one, else {@code fallback}
   */
  public static EmbeddedFormat requestedFormat(List<MediaType> acceptable, EmbeddedFormat fallback) {
    for (MediaType accepted : acceptable) {
      EmbeddedFormat asked = accepted.isWildcardSubtype() ? null : embeddedFormat(accepted);
      if (asked != null) {
        return asked;
      }
    }
    return fallback;
  }

  private static String versionOf(MediaType type, String defaultVersion) {
    String base = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    Matcher matcher = VENDOR.matcher(base);
    return matcher.matches() && matcher.group(2) != null ? matcher.group(2) : defaultVersion;
  }

  /** Returns the embedded format named in a vendor media type, or null when it names none. */
  public static @Nullable EmbeddedFormat embeddedFormat(MediaType type) {
    String base = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    Matcher matcher = VENDOR.matcher(base);
    if (!matcher.matches() || matcher.group(1) == null) {
      return null;
    }
    return EmbeddedFormat.fromName(matcher.group(1));
  }
}
