package dev.kafkarest.core.error;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jspecify.annotations.Nullable;

/**
 * Translates Kafka client failures into the proxy's error catalogue, following the table Confluent's REST
 * proxy has used since 5.x, so that clients see the same {@code error_code} for the same Kafka failure.
 *
 * <p>One departure: a call that failed because no broker answered (see {@link #isKafkaUnavailable}) is
 * 503/50302 "Kafka broker not available", which Confluent uses only for {@link BrokerNotAvailableException},
 * instead of 500/50003: the proxy is fine, Kafka is not, and the client should retry later.
 */
public final class KafkaErrors {
  private static final String JAAS = "JAAS config";
  private static final Pattern QUOTED = Pattern.compile("'[^']*'");
  private static final int MAX_CAUSES = 10;

  private KafkaErrors() {}

  /**
   * Returns the proxy exception for a failure of a Kafka call. Wrappers ({@link CompletionException},
   * {@link ExecutionException}) are unwrapped; a {@link ProxyException} is returned unchanged; anything that
   * is not a Kafka exception becomes a 500.
   */
  public static ProxyException translate(Throwable failure) {
    Throwable error = unwrap(failure);
    if (error instanceof ProxyException proxyException) {
      return proxyException;
    }
    return new ProxyException(codeFor(error), messageOf(error), error);
  }

  /**
   * {@return whether a failure, or a cause of it, is the client's mistake (a 4xx)}: Kafka wraps some, such as an
   *     asynchronous commit's metadata over the broker's limit, in a {@code RetriableCommitFailedException}
   */
  public static boolean isClientMistake(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (translate(cause).errorCode().httpStatus() < 500) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return the code for a per-record produce failure, as in Confluent's produce response}, except that a
   * record Kafka did not take because no broker answered is 50302, as for every other call
   */
  public static ErrorCode produceErrorCode(Throwable failure) {
    Throwable error = unwrap(failure);
    ErrorCode denied = accessDenied(error);
    if (denied != null) {
      return denied;
    }
    if (isKafkaUnavailable(error)) {
      return ErrorCode.BROKER_NOT_AVAILABLE;
    }
    return error instanceof RetriableException ? ErrorCode.KAFKA_RETRIABLE_ERROR : ErrorCode.KAFKA_ERROR;
  }

  /**
   * {@return whether a failure means that no broker answered: a Kafka call that timed out ({@link
   * TimeoutException}: no node to send to, no answer within the client's bound), a connection lost or refused
   * ({@link NetworkException}, {@link DisconnectException}), or {@link BrokerNotAvailableException}} Kafka's
   * other retriable errors (a leader moving, a coordinator loading) come from a broker that did answer.
   */
  public static boolean isKafkaUnavailable(Throwable failure) {
    Throwable error = unwrap(failure);
    return error instanceof TimeoutException
        || error instanceof NetworkException
        || error instanceof DisconnectException
        || error instanceof BrokerNotAvailableException;
  }

  /**
   * {@return a Kafka client's message with what it quotes from a JAAS configuration hidden}: Kafka's JAAS parser
   *     quotes the word it stumbled on ({@code Value not specified for key 'ss' in JAAS config}), which may be
   *     part of a password ({@code password=pa ss;})
   */
  public static String withoutJaasQuotes(String message) {
    return message.contains(JAAS) ? QUOTED.matcher(message).replaceAll("'[hidden]'") : message;
  }

  /**
   * {@return the messages of a failure and its causes, each {@link #withoutJaasQuotes without JAAS quotes}, when
   *     one of them is about a JAAS configuration; else null}: for a log line that must then not carry the
   *     failure's stack trace, which prints the messages as they are
   */
  public static @Nullable String describeJaasFailure(Throwable failure) {
    List<String> messages = new ArrayList<>();
    boolean jaas = false;
    for (Throwable cause = failure; cause != null && messages.size() < MAX_CAUSES; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      jaas |= message.contains(JAAS);
      messages.add(withoutJaasQuotes(message));
    }
    return jaas ? String.join(": ", messages) : null;
  }

  /** {@return the innermost cause behind future and execution wrappers} */
  public static Throwable unwrap(Throwable failure) {
    Throwable error = failure;
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  /** {@return the code for a principal Kafka refused, or null if the failure is not about access} */
  private static @Nullable ErrorCode accessDenied(Throwable error) {
    if (error instanceof AuthenticationException) {
      return ErrorCode.AUTHENTICATION_FAILED;
    }
    if (error instanceof AuthorizationException) {
      return ErrorCode.NOT_AUTHORIZED;
    }
    return null;
  }

  private static ErrorCode codeFor(Throwable error) {
    ErrorCode denied = accessDenied(error);
    if (denied != null) {
      return denied;
    }
    if (error instanceof UnknownTopicOrPartitionException || error instanceof UnknownTopicIdException) {
      return ErrorCode.TOPIC_NOT_FOUND;
    }
    if (isKafkaUnavailable(error)) {
      return ErrorCode.BROKER_NOT_AVAILABLE;
    }
    if (error instanceof SerializationException) {
      return ErrorCode.DESERIALIZATION_FAILED;
    }
    if (isBadRequest(error)) {
      return ErrorCode.KAFKA_BAD_REQUEST;
    }
    if (error instanceof RetriableException) {
      return ErrorCode.KAFKA_RETRIABLE_ERROR;
    }
    if (error instanceof KafkaException) {
      return ErrorCode.KAFKA_ERROR;
    }
    return ErrorCode.INTERNAL_SERVER_ERROR;
  }

  private static boolean isBadRequest(Throwable error) {
    return error instanceof InvalidReplicationFactorException
        || error instanceof InvalidReplicaAssignmentException
        || error instanceof InvalidPartitionsException
        || error instanceof InvalidRequestException
        || error instanceof OffsetMetadataTooLarge
        || error instanceof PolicyViolationException
        || error instanceof TopicExistsException
        || error instanceof InvalidConfigurationException
        || error instanceof UnsupportedVersionException
        || error instanceof InvalidTopicException
        || error instanceof UnknownServerException
        || error instanceof TopicDeletionDisabledException
        || error instanceof SecurityDisabledException;
  }

  private static String messageOf(Throwable error) {
    if (!(error instanceof KafkaException)) {
      return ErrorCode.INTERNAL_SERVER_ERROR.defaultMessage();
    }
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : withoutJaasQuotes(message);
  }
}
