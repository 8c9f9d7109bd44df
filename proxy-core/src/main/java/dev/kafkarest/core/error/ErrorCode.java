package dev.kafkarest.core.error;

/**
 * Every error the proxy reports, with its HTTP status and Confluent's {@code error_code}.
 *
 * <p>Codes follow Confluent REST Proxy's catalogue so that existing clients can keep matching on them. The
 * HTTP status is usually the first three digits of the code; {@link #INVALID_CONSUMER_CONFIG_CONSTRAINT}
 * (40001, sent with 422) is Confluent's one exception. Errors of HTTP routing and negotiation (unknown path,
 * method, media type) are not domain errors and are not listed: the HTTP layer answers them with the status
 * itself as {@code error_code}, as Confluent does.
 */
public enum ErrorCode {
  BAD_REQUEST(400, 400, "Bad Request"),
  INVALID_CONSUMER_CONFIG_CONSTRAINT(422, 40001,
      "Invalid consumer configuration. It does not abide by the constraints"),
  KAFKA_BAD_REQUEST(400, 40002, "Kafka rejected the request"),
  /** Authentication failed or is missing: the proxy's own, or the proxy's with Kafka. */
  AUTHENTICATION_FAILED(401, 40101, "Authentication failed"),
  /** The proxy's authorization rules or Kafka's ACLs deny the operation. */
  NOT_AUTHORIZED(403, 40301, "Not authorized"),
  TOPIC_NOT_FOUND(404, 40401, "Topic not found."),
  PARTITION_NOT_FOUND(404, 40402, "Partition not found."),
  CONSUMER_INSTANCE_NOT_FOUND(404, 40403, "Consumer instance not found."),
  /** A v3 resource (cluster, topic, partition, config, consumer group, ...) that does not exist. */
  NOT_FOUND(404, 404, "Not found"),
  CONSUMER_FORMAT_MISMATCH(406, 40601,
      "The requested embedded data format does not match the deserializer for this consumer instance"),
  DESERIALIZATION_FAILED(408, 40801, "Record could not be deserialized"),
  CONSUMER_ALREADY_EXISTS(409, 40902,
      "Consumer with specified consumer ID already exists in the specified consumer group."),
  ILLEGAL_STATE(409, 40903, "Illegal state"),
  /** Creating a topic that exists (the proxy's own code: Confluent's v3 answers 400/40002). */
  TOPIC_ALREADY_EXISTS(409, 40904, "Topic already exists"),
  PAYLOAD_TOO_LARGE(413, 413, "Request body too large"),
  UNPROCESSABLE_ENTITY(422, 422, "Unprocessable entity"),
  INVALID_CONSUMER_CONFIG(422, 42204, "Invalid consumer configuration"),
  /** Confluent's generic payload error (a v3 request body that names nothing valid, such as a bad topic name). */
  INVALID_PAYLOAD(422, 42206, "Payload error."),
  SCHEMA_REGISTRY_NOT_CONFIGURED(422, 42206,
      "Payload error. Schema Registry must be configured when using schemas."),
  /** A record value does not match the JSON Schema configured for its topic. */
  SCHEMA_VALIDATION_FAILED(422, 42210, "Record values do not match the topic's JSON Schema"),
  /**
   * A read by offset asked for an offset outside the partition's range (the proxy's own code: Confluent's
   * v2 has no read by offset).
   */
  OFFSET_OUT_OF_RANGE(416, 41601, "Offset out of range"),
  TOO_MANY_REQUESTS(429, 429, "Too many requests"),
  /** A per-principal (or per-address) quota is exhausted; answered with {@code Retry-After}. */
  QUOTA_EXCEEDED(429, 42901, "Quota exceeded"),
  INTERNAL_SERVER_ERROR(500, 500, "Internal Server Error"),
  KAFKA_ERROR(500, 50002, "Kafka error"),
  KAFKA_RETRIABLE_ERROR(500, 50003, "Kafka retriable error"),
  BROKER_NOT_AVAILABLE(503, 50302, "Kafka broker not available"),
  SERVICE_UNAVAILABLE(503, 503, "Service unavailable");

  private final int httpStatus;
  private final int code;
  private final String defaultMessage;

  ErrorCode(int httpStatus, int code, String defaultMessage) {
    this.httpStatus = httpStatus;
    this.code = code;
    this.defaultMessage = defaultMessage;
  }

  /** {@return the HTTP status this error is answered with} */
  public int httpStatus() {
    return httpStatus;
  }

  /** {@return the value of the {@code error_code} field} */
  public int code() {
    return code;
  }

  /** {@return the message used when the thrower gives none} */
  public String defaultMessage() {
    return defaultMessage;
  }
}
