package dev.kafkarest.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

  @ParameterizedTest(name = "{0} -> {1}/{2}")
  @CsvSource({
      "BAD_REQUEST, 400, 400",
      "INVALID_CONSUMER_CONFIG_CONSTRAINT, 422, 40001",
      "KAFKA_BAD_REQUEST, 400, 40002",
      "AUTHENTICATION_FAILED, 401, 40101",
      "NOT_AUTHORIZED, 403, 40301",
      "TOPIC_NOT_FOUND, 404, 40401",
      "PARTITION_NOT_FOUND, 404, 40402",
      "CONSUMER_INSTANCE_NOT_FOUND, 404, 40403",
      "NOT_FOUND, 404, 404",
      "CONSUMER_FORMAT_MISMATCH, 406, 40601",
      "DESERIALIZATION_FAILED, 408, 40801",
      "CONSUMER_ALREADY_EXISTS, 409, 40902",
      "ILLEGAL_STATE, 409, 40903",
      "PAYLOAD_TOO_LARGE, 413, 413",
      "UNPROCESSABLE_ENTITY, 422, 422",
      "INVALID_CONSUMER_CONFIG, 422, 42204",
      "INVALID_PAYLOAD, 422, 42206",
      "SCHEMA_REGISTRY_NOT_CONFIGURED, 422, 42206",
      "TOO_MANY_REQUESTS, 429, 429",
      "INTERNAL_SERVER_ERROR, 500, 500",
      "KAFKA_ERROR, 500, 50002",
      "KAFKA_RETRIABLE_ERROR, 500, 50003",
      "BROKER_NOT_AVAILABLE, 503, 50302",
      "SERVICE_UNAVAILABLE, 503, 503"
  })
  void code_confluentCatalogue_matchesStatusAndErrorCode(ErrorCode code, int status, int errorCode) {
    assertEquals(status, code.httpStatus());
    assertEquals(errorCode, code.code());
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void httpStatus_anyCodeButConsumerConstraint_isLeadingDigitsOfCode(ErrorCode code) {
    if (code == ErrorCode.INVALID_CONSUMER_CONFIG_CONSTRAINT) {
      assertEquals(422, code.httpStatus(), "Confluent sends 40001 with HTTP 422");
      return;
    }
    int expected = code.code() >= 10_000 ? code.code() / 100 : code.code();
    assertEquals(expected, code.httpStatus());
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void defaultMessage_anyCode_isNotBlank(ErrorCode code) {
    assertFalse(code.defaultMessage().isBlank());
  }

  @Test
  void code_allConstants_areUniqueButConfluentsPayloadErrors() {
    // Confluent's 42206 is one "Payload error." code with several messages; the schema one is a case of it.
    Set<Integer> seen = new HashSet<>();
    Arrays.stream(ErrorCode.values()).filter(code -> code != ErrorCode.SCHEMA_REGISTRY_NOT_CONFIGURED).forEach(code ->
        assertTrue(seen.add(code.code()), "duplicate error_code " + code.code()));
    assertTrue(ErrorCode.SCHEMA_REGISTRY_NOT_CONFIGURED.defaultMessage()
        .startsWith(ErrorCode.INVALID_PAYLOAD.defaultMessage()));
  }

  @Test
  void proxyException_withoutMessage_usesDefaultMessage() {
    ProxyException exception = new ProxyException(ErrorCode.TOPIC_NOT_FOUND);

    assertSame(ErrorCode.TOPIC_NOT_FOUND, exception.errorCode());
    assertEquals("Topic not found.", exception.getMessage());
  }

  @Test
  void topicNotFound_topic_is40401NamingIt() {
    ProxyException exception = ProxyException.topicNotFound("orders");

    assertSame(ErrorCode.TOPIC_NOT_FOUND, exception.errorCode());
    assertEquals("Topic orders not found.", exception.getMessage());
  }

  @Test
  void partitionNotFound_topicAndPartition_is40402NamingBoth() {
    ProxyException exception = ProxyException.partitionNotFound("orders", 3);

    assertSame(ErrorCode.PARTITION_NOT_FOUND, exception.errorCode());
    assertEquals("Partition not found. Topic orders has no partition 3.", exception.getMessage());
  }
}
