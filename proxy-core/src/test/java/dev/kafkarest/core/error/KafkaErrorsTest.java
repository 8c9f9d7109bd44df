package dev.kafkarest.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaErrorsTest {

  static Stream<Arguments> translationTable() {
    return Stream.of(
        Arguments.of(new SaslAuthenticationException("bad password"), ErrorCode.AUTHENTICATION_FAILED),
        Arguments.of(new TopicAuthorizationException("Not authorized to access topics: [t]"),
            ErrorCode.NOT_AUTHORIZED),
        Arguments.of(new GroupAuthorizationException("group"), ErrorCode.NOT_AUTHORIZED),
        Arguments.of(new UnknownTopicOrPartitionException("no such topic"), ErrorCode.TOPIC_NOT_FOUND),
        Arguments.of(new UnknownTopicIdException("no such id"), ErrorCode.TOPIC_NOT_FOUND),
        Arguments.of(new BrokerNotAvailableException("down"), ErrorCode.BROKER_NOT_AVAILABLE),
        Arguments.of(new SerializationException("bad bytes"), ErrorCode.DESERIALIZATION_FAILED),
        Arguments.of(new InvalidReplicationFactorException("rf"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new InvalidPartitionsException("p"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new InvalidRequestException("r"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new OffsetMetadataTooLarge("metadata"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new PolicyViolationException("policy"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new TopicExistsException("exists"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new InvalidConfigurationException("config"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new UnsupportedVersionException("version"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new InvalidTopicException("topic name"), ErrorCode.KAFKA_BAD_REQUEST),
        // replicas_assignments naming a broker that does not exist, or partitions not from 0: the client's mistake.
        Arguments.of(new InvalidReplicaAssignmentException("no broker 999"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new UnknownServerException("broker failed"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new TopicDeletionDisabledException("no deletes"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new SecurityDisabledException("no acls"), ErrorCode.KAFKA_BAD_REQUEST),
        Arguments.of(new TimeoutException("timed out"), ErrorCode.BROKER_NOT_AVAILABLE),
        Arguments.of(new NetworkException("connection lost"), ErrorCode.BROKER_NOT_AVAILABLE),
        Arguments.of(new DisconnectException("disconnected"), ErrorCode.BROKER_NOT_AVAILABLE),
        Arguments.of(new CoordinatorNotAvailableException("loading"), ErrorCode.KAFKA_RETRIABLE_ERROR),
        Arguments.of(new NotLeaderOrFollowerException("moved"), ErrorCode.KAFKA_RETRIABLE_ERROR),
        Arguments.of(new RecordTooLargeException("too big"), ErrorCode.KAFKA_ERROR),
        Arguments.of(new KafkaException("other"), ErrorCode.KAFKA_ERROR),
        Arguments.of(new IllegalStateException("bug"), ErrorCode.INTERNAL_SERVER_ERROR));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("translationTable")
  void translate_kafkaFailure_followsConfluentTable(Throwable failure, ErrorCode expected) {
    assertSame(expected, KafkaErrors.translate(failure).errorCode());
  }

  @Test
  void translate_kafkaFailure_keepsKafkaMessageAndCause() {
    TimeoutException timeout = new TimeoutException("Timed out waiting for a node assignment.");

    ProxyException translated = KafkaErrors.translate(timeout);

    assertEquals("Timed out waiting for a node assignment.", translated.getMessage());
    assertSame(timeout, translated.getCause());
  }

  @Test
  void translate_kafkaFailureWithoutMessage_usesExceptionName() {
    assertEquals("TimeoutException", KafkaErrors.translate(new TimeoutException()).getMessage());
  }

  @Test
  void translate_nonKafkaFailure_hidesItsMessage() {
    ProxyException translated = KafkaErrors.translate(new NullPointerException("secret internals"));

    assertEquals(500, translated.errorCode().httpStatus());
    assertEquals("Internal Server Error", translated.getMessage());
  }

  @Test
  void translate_wrappedInFutureExceptions_unwrapsToKafkaCause() {
    Throwable wrapped = new CompletionException(
        new ExecutionException(new TopicAuthorizationException("Not authorized")));

    ProxyException translated = KafkaErrors.translate(wrapped);

    assertSame(ErrorCode.NOT_AUTHORIZED, translated.errorCode());
    assertEquals("Not authorized", translated.getMessage());
  }

  @Test
  void translate_proxyException_returnsItUnchanged() {
    ProxyException original = new ProxyException(ErrorCode.PARTITION_NOT_FOUND, "Partition 3 not found.");

    assertSame(original, KafkaErrors.translate(new CompletionException(original)));
  }

  static Stream<Arguments> produceTable() {
    return Stream.of(
        Arguments.of(new SaslAuthenticationException("auth"), ErrorCode.AUTHENTICATION_FAILED, 40101),
        Arguments.of(new TopicAuthorizationException("authz"), ErrorCode.NOT_AUTHORIZED, 40301),
        Arguments.of(new TimeoutException("Topic t not present in metadata after 5000 ms."),
            ErrorCode.BROKER_NOT_AVAILABLE, 50302),
        Arguments.of(new NotLeaderOrFollowerException("moved"), ErrorCode.KAFKA_RETRIABLE_ERROR, 50003),
        Arguments.of(new RecordTooLargeException("too big"), ErrorCode.KAFKA_ERROR, 50002),
        Arguments.of(new UnknownServerException("?"), ErrorCode.KAFKA_ERROR, 50002),
        Arguments.of(new KafkaException("other"), ErrorCode.KAFKA_ERROR, 50002));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("produceTable")
  void produceErrorCode_sendFailure_isPerRecordCode(Throwable failure, ErrorCode expected, int errorCode) {
    ErrorCode code = KafkaErrors.produceErrorCode(failure);

    assertSame(expected, code);
    assertEquals(errorCode, code.code());
  }

  @Test
  void produceErrorCode_wrappedFailure_isClassifiedByCause() {
    assertSame(ErrorCode.KAFKA_RETRIABLE_ERROR,
        KafkaErrors.produceErrorCode(new ExecutionException(new NotLeaderOrFollowerException("moved"))));
  }

  static Stream<Arguments> availabilityTable() {
    return Stream.of(
        Arguments.of(new TimeoutException("Timed out waiting for a node assignment. Call: listTopics"), true),
        Arguments.of(new CompletionException(new TimeoutException("Timeout of 5000ms expired")), true),
        Arguments.of(new NetworkException("connection lost"), true),
        Arguments.of(new DisconnectException("disconnected"), true),
        Arguments.of(new BrokerNotAvailableException("down"), true),
        Arguments.of(new NotLeaderOrFollowerException("moved"), false),
        Arguments.of(new CoordinatorNotAvailableException("loading"), false),
        Arguments.of(new UnknownTopicOrPartitionException("no such topic"), false),
        Arguments.of(new IllegalStateException("bug"), false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("availabilityTable")
  void isKafkaUnavailable_failure_isTrueOnlyWhenNoBrokerAnswered(Throwable failure, boolean unavailable) {
    assertEquals(unavailable, KafkaErrors.isKafkaUnavailable(failure));
  }

  @Test
  void translate_timeoutOfKafkaCall_is503WithCode50302() {
    ProxyException translated = KafkaErrors.translate(new ExecutionException(new TimeoutException("t")));

    assertEquals(503, translated.errorCode().httpStatus());
    assertEquals(50302, translated.errorCode().code());
  }

  @Test
  void unwrap_wrapperWithoutCause_returnsWrapper() {
    CompletionException bare = new CompletionException("no cause", null);

    assertSame(bare, KafkaErrors.unwrap(bare));
  }

  /** Kafka's JAAS parser on an unquoted password with a space: it quotes the word after the value, {@code ss}. */
  static IllegalArgumentException jaasFailure() {
    return assertThrows(IllegalArgumentException.class, () -> JaasContext.loadClientContext(Map.of("sasl.jaas.config",
        new Password("org.apache.kafka.common.security.plain.PlainLoginModule required username=u password=pa ss;"))));
  }

  @Test
  void withoutJaasQuotes_kafkasJaasParserMessage_hidesTheQuotedWord() {
    String message = jaasFailure().getMessage();

    assertTrue(message.contains("'ss'"), message);
    assertEquals(message.replace("'ss'", "'[hidden]'"), KafkaErrors.withoutJaasQuotes(message));
    assertEquals("Invalid value 'x' for a", KafkaErrors.withoutJaasQuotes("Invalid value 'x' for a"), "not about JAAS");
  }

  @Test
  void describeJaasFailure_aConstructionFailureCausedByJaas_theChainWithoutTheWord() {
    KafkaException failure = new KafkaException("Failed to construct kafka producer", jaasFailure());

    String described = KafkaErrors.describeJaasFailure(failure);

    assertTrue(described.startsWith("Failed to construct kafka producer: "), described);
    assertTrue(described.contains("JAAS config"), described);
    assertFalse(described.contains("ss'"), described);
    assertNull(KafkaErrors.describeJaasFailure(new KafkaException("Failed", new IllegalStateException("x"))));
  }

  @Test
  void translate_aKafkaMessageQuotingJaas_hidesTheQuotedWord() {
    String message = KafkaErrors.translate(new KafkaException(jaasFailure().getMessage())).getMessage();

    assertFalse(message.contains("'ss'"), message);
  }

  @Test
  void isClientMistake_aWrappedClientMistakeIs_aServerSideFailureIsNot() {
    assertTrue(KafkaErrors.isClientMistake(new RetriableCommitFailedException(new OffsetMetadataTooLarge("m"))));
    assertTrue(KafkaErrors.isClientMistake(new OffsetMetadataTooLarge("m")));
    assertFalse(KafkaErrors.isClientMistake(new RetriableCommitFailedException(new TimeoutException("t"))));
    assertFalse(KafkaErrors.isClientMistake(new IllegalStateException("bug")));
  }
}
