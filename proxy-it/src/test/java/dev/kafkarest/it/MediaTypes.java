package dev.kafkarest.it;

/** The media types the tests send, spelled out independently of the proxy's own constants. */
public final class MediaTypes {
  public static final String V2 = "application/vnd.kafka.v2+json";
  public static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";
  public static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
  public static final String AVRO_V2 = "application/vnd.kafka.avro.v2+json";
  public static final String JSONSCHEMA_V2 = "application/vnd.kafka.jsonschema.v2+json";
  public static final String PROTOBUF_V2 = "application/vnd.kafka.protobuf.v2+json";
  public static final String V1 = "application/vnd.kafka.v1+json";
  public static final String BINARY_V1 = "application/vnd.kafka.binary.v1+json";
  public static final String JSON_V1 = "application/vnd.kafka.json.v1+json";
  public static final String AVRO_V1 = "application/vnd.kafka.avro.v1+json";
  public static final String KAFKA_JSON = "application/vnd.kafka+json";
  public static final String JSON = "application/json";
  public static final String OCTET_STREAM = "application/octet-stream";
  public static final String TEXT = "text/plain";
  public static final String FORM = "application/x-www-form-urlencoded";

  private MediaTypes() {}
}
