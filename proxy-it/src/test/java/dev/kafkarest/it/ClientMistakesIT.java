package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client mistakes the reliability probe saw answered with a 5xx, after seconds, or with Java names in the
 * message (docs/reliability.md): each is a prompt 4xx in the error envelope, in plain words.
 */
@ProxyTest
class ClientMistakesIT {
  private static final Duration PROMPT = Duration.ofSeconds(2);
  private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z]+\\.[a-z]+\\.[A-Za-z]|\\$[A-Z]|`");

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;
  private String topic;
  private RestConsumer consumer;

  ClientMistakesIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @BeforeEach
  void createConsumer() {
    topic = kafka.createTopic("mistakes", 1);
    consumer = RestConsumer.create(proxy, "mistakes-group", "{\"format\": \"binary\"}");
    assertEquals(204, consumer.assign(topic, 0).status());
  }

  @AfterEach
  void deleteConsumer() {
    consumer.delete();
  }

  @Test
  void commit_offsetMinusOne_isNoServerError() {
    HttpResult result = consumer.commit(topic, 0, -1);

    assertEquals(200, result.status(), result::toString);
  }

  @Test
  void commit_metadataOverTheBrokersLimit_answers400Promptly() {
    HttpResult result = consumer.post("/offsets", "{\"offsets\":[{\"topic\":\"" + topic
        + "\",\"partition\":0,\"offset\":1,\"metadata\":\"" + "m".repeat(5000) + "\"}]}");

    assertError(result, 400, 40002);
    assertPromptAndPlain(result);
  }

  /**
   * The same mistake in an asynchronous commit: answered 200 at once (as Confluent), and its failure, met at the
   * next poll, costs no log line above debug, however often a client repeats it.
   */
  @Test
  void asyncCommit_metadataOverTheBrokersLimit_logsNothingAboveDebug() {
    CapturedLog log = CapturedLog.start();
    try {
      HttpResult result = consumer.post("/offsets?async=true", "{\"offsets\":[{\"topic\":\"" + topic
          + "\",\"partition\":0,\"offset\":1,\"metadata\":\"" + "m".repeat(5000) + "\"}]}");
      assertEquals(200, result.status(), result::toString);
      // The commit's answer is handled inside a poll of the instance's consumer: reads poll it.
      for (int i = 0; i < 3; i++) {
        assertEquals(200, consumer.read(MediaTypes.BINARY_V2, 300).status());
      }
    } finally {
      log.close();
    }
    LogAssertions.assertQuiet(log.text());
  }

  @Test
  void commit_unknownTopic_answers404Promptly() {
    HttpResult result = consumer.commit("no-such-topic-for-commit", 0, 1);

    assertError(result, 404, 40401);
    assertTrue(result.json().get("message").textValue().contains("no-such-topic-for-commit"), result::toString);
    assertPromptAndPlain(result);
  }

  @Test
  void commit_unknownPartition_answers404Promptly() {
    HttpResult result = consumer.commit(topic, 7, 1);

    assertError(result, 404, 40402);
    assertPromptAndPlain(result);
  }

  @Test
  void createConsumer_withAnArrayBody_answers400InPlainWords() {
    HttpResult result = proxy.post("/consumers/mistakes-group", MediaTypes.V2, "[]");

    assertError(result, 400, 400);
    assertPromptAndPlain(result);
  }

  @Test
  void produce_truncatedBody_answers400InPlainWords() {
    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[");

    assertEquals(400, result.status(), result::toString);
    assertPromptAndPlain(result);
  }

  private static void assertPromptAndPlain(HttpResult result) {
    assertTrue(result.elapsed().compareTo(PROMPT) < 0, () -> "took " + result.elapsed() + ": " + result);
    assertFalse(JAVA_NAME.matcher(result.body()).find(), result::toString);
  }
}
