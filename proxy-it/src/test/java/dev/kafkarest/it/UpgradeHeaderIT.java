package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression for Grizzly's handling of {@code Upgrade} (embedded-kafka.md G1): a request that carries
 * {@code Upgrade: h2c} and a body used to hang for 30 s. Java's {@link HttpClient} set to HTTP/2 sends
 * that header on plain http, as does {@code curl --http2}. Every call here is bounded well below 30 s.
 */
@ProxyTest
class UpgradeHeaderIT {
  private static final Duration QUICK = Duration.ofSeconds(10);

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  UpgradeHeaderIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void produce_withAnHttp2Client_answers200Quickly() {
    String topic = kafka.createTopic("h2c-produce", 1);
    ProxyClient http2 = new ProxyClient(proxy.baseUri(), HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5))
        .build(), QUICK);
    String body = "{\"records\": [{\"value\": \"" + b64("over h2c") + "\"}]}";

    HttpResult first = http2.produce(topic, MediaTypes.BINARY_V2, body);
    HttpResult second = http2.produce(topic, 0, MediaTypes.JSON_V2, "{\"records\": [{\"value\": {\"n\": 2}}]}");

    assertProduced(first, 1);
    assertProduced(second, 1);
    assertEquals(HttpClient.Version.HTTP_1_1, first.version(), "the proxy declines the upgrade");
    assertTrue(first.elapsed().compareTo(QUICK) < 0, first::toString);
    assertEquals(2, kafka.recordCount(topic));
    assertOkV2(http2.getTopics());
  }

  @Test
  void postWithAnyUpgradeHeader_isServedAsHttp11() {
    String topic = kafka.createTopic("upgrade-raw", 1);
    byte[] body = Payloads.utf8("{\"records\": [{\"value\": \"" + b64("raw") + "\"}]}");

    HttpResult result = RawHttp.send(proxy.baseUri(), "POST", Endpoints.topic(topic),
        List.of("Connection: Upgrade, close", "Upgrade: websocket", "Content-Type: " + MediaTypes.BINARY_V2), body,
        QUICK);

    assertProduced(result, 1);
    assertEquals(1, kafka.recordCount(topic));
  }
}
