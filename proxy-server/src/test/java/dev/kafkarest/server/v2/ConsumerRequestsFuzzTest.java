package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.v2.ConsumerRequests.Commit;
import dev.kafkarest.server.v2.ConsumerRequests.CreateConsumer;
import dev.kafkarest.server.v2.ConsumerRequests.Partitions;
import dev.kafkarest.server.v2.ConsumerRequests.Seek;
import dev.kafkarest.server.v2.ConsumerRequests.Subscription;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Fuzzes the consumer request bodies as the resources bind and convert them: any body is bound and
 * converted, or refused with a {@link JsonProcessingException} (answered 400) or a 4xx
 * {@link ProxyException}; never another exception, which would be a 500. Without {@code -Pfuzz} the seed
 * corpus in {@code ConsumerRequestsFuzzTestInputs/} is replayed.
 */
class ConsumerRequestsFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapperProvider().mapper();

  @FuzzTest(maxDuration = "5m")
  void createConsumer_anyBody_settingsOrClientError(byte[] body) {
    check(body, CreateConsumer.class, create -> {
      create.instanceName();
      create.toSettings();
    });
  }

  /**
   * A {@code topic_pattern} is a client's regular expression by design (Confluent's API), so only its
   * mutual exclusion with {@code topics} is fuzzed here: Jazzer's regex injection sanitizer reports every
   * client pattern handed to {@link Pattern#compile}, even one the proxy then refuses with 422
   * ({@link ConsumerRequestsTest#subscription_badTopicsOrPattern_throws422} covers those).
   */
  @FuzzTest(maxDuration = "5m")
  void subscription_anyBody_topicsOrClientError(byte[] body) {
    check(body, Subscription.class, subscription -> {
      if (subscription.topics() == null) {
        return;
      }
      assertNull(subscription.toPattern(), "a topic list is not a pattern");
      subscription.toTopics();
    });
  }

  @FuzzTest(maxDuration = "5m")
  void partitions_anyBody_partitionsOrClientError(byte[] body) {
    check(body, Partitions.class, Partitions::toKafka);
  }

  @FuzzTest(maxDuration = "5m")
  void commit_anyBody_offsetsOrClientError(byte[] body) {
    check(body, Commit.class, Commit::toKafka);
  }

  @FuzzTest(maxDuration = "5m")
  void seek_anyBody_targetsOrClientError(byte[] body) {
    check(body, Seek.class, Seek::toKafka);
  }

  private static <T> void check(byte[] body, Class<T> type, Consumer<T> convert) {
    T bound;
    try {
      bound = MAPPER.readValue(body, type);
    } catch (JsonProcessingException malformed) {
      return;
    } catch (IOException e) {
      throw new AssertionError("reading a byte array cannot fail otherwise", e);
    }
    try {
      convert.accept(ConsumerRequests.body(bound));
    } catch (ProxyException e) {
      int status = e.errorCode().httpStatus();
      assertTrue(status >= 400 && status < 500, () -> "a client mistake must be a 4xx, was " + status + ": " + e);
    }
  }
}
