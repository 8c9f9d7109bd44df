package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kafkarest.server.ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code request.body.max.bytes}: a body over the limit is refused with 413 whether its size is
 * announced (Content-Length) or not (chunked), and nothing is produced. Runs its own proxy with a 2 KiB
 * limit against the shared broker.
 */
@ProxyTest
class RequestBodyLimitIT {
  private static final int LIMIT = 2048;

  private static ProxyServer limitedProxy;
  private static ProxyClient proxy;

  private final KafkaTestClient kafka;
  private String topic = "";

  RequestBodyLimitIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void startLimitedProxy(TestBroker broker) {
    limitedProxy = ProxyExtension.startProxy(broker.bootstrapServers(),
        Map.of("request.body.max.bytes", Integer.toString(LIMIT)));
    proxy = new ProxyClient(limitedProxy.baseUri());
  }

  @AfterAll
  static void stopLimitedProxy() {
    if (limitedProxy != null) {
      limitedProxy.close();
    }
  }

  @BeforeEach
  void createTopic() {
    topic = kafka.createTopic("body-limit", 1);
  }

  @Test
  void bodyUnderTheLimit_isProduced() {
    String body = produceBody(LIMIT - 100);

    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 1);
    assertProduced(proxy.postChunked(Endpoints.topic(topic), MediaTypes.BINARY_V2, Payloads.utf8(body)), 1);
    assertEquals(2, kafka.recordCount(topic));
  }

  @Test
  void bodyOverTheLimit_withContentLength_returns413() {
    String body = produceBody(4 * LIMIT);

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 413, 413);
    assertError(proxy.produce(topic, 0, MediaTypes.BINARY_V2, body), 413, 413);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void bodyOverTheLimit_chunked_returns413() {
    byte[] body = Payloads.utf8(produceBody(4 * LIMIT));

    assertError(proxy.postChunked(Endpoints.topic(topic), MediaTypes.BINARY_V2, body), 413, 413);
    assertError(proxy.postChunked(Endpoints.partition(topic, 0), MediaTypes.JSON_V2, body), 413, 413);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void bodyOverTheLimit_onPostRoot_returns413() {
    String body = "{\"a\": \"" + "x".repeat(4 * LIMIT) + "\"}";

    assertError(proxy.post(Endpoints.root(), MediaTypes.V2, body), 413, 413);
    assertError(proxy.postChunked(Endpoints.root(), MediaTypes.V2, Payloads.utf8(body)), 413, 413);
  }

  /** {@return a binary produce body of one record, about {@code size} bytes long} */
  private static String produceBody(int size) {
    String prefix = "{\"records\": [{\"value\": \"";
    String suffix = "\"}]}";
    int raw = (size - prefix.length() - suffix.length()) / 4 * 3;
    return prefix + b64("v".repeat(raw)) + suffix;
  }
}
