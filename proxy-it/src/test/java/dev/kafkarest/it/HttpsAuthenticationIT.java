package dev.kafkarest.it;

import static dev.kafkarest.it.AuthenticationAssertions.INVALID;
import static dev.kafkarest.it.AuthenticationAssertions.REQUIRED;
import static dev.kafkarest.it.AuthenticationAssertions.assertUnauthorized;
import static dev.kafkarest.it.AuthenticatedFlow.binaryRecord;
import static dev.kafkarest.it.BasicAuthenticationIT.basic;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.security.StoredPassword;
import dev.kafkarest.server.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication over https listeners, with the test authority's key stores: HTTP Basic over TLS, Basic
 * together with required client certificates (both are needed; the header names the caller), and the
 * client certificate's subject as the caller when {@code authentication.method=NONE}. A client that is
 * refused, at the handshake or with 401, sends nothing to Kafka.
 */
@ProxyTest
class HttpsAuthenticationIT {
  private static final String CHALLENGE = "Basic realm=\"KafkaRest\", charset=\"UTF-8\"";

  @TempDir
  static Path dir;
  private static TestCertificates certs;
  private static Path usersFile;

  private final KafkaTestClient kafka;

  HttpsAuthenticationIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void certificatesAndUsers() throws IOException {
    certs = TestCertificates.create(dir);
    usersFile = Files.writeString(dir.resolve("users"),
        "alice:" + StoredPassword.Bcrypt.hash("alice-secret", 4).hash() + ",producers\n", StandardCharsets.UTF_8);
  }

  private static Map<String, String> https(String... more) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "listeners", "https://localhost:0",
        "ssl.keystore.location", certs.serverKeystore().toString(),
        "ssl.keystore.password", TestCertificates.PASSWORD,
        "ssl.truststore.location", certs.truststore().toString(),
        "ssl.truststore.password", TestCertificates.PASSWORD));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  private static Map<String, String> basicOverHttps(String clientAuthentication) {
    return https("authentication.method", "BASIC", "authentication.basic.users.file", usersFile.toString(),
        "ssl.client.authentication", clientAuthentication);
  }

  /** A client that trusts the test authority, as {@code curl --cacert ca.pem [--cert ...]}. */
  private static ProxyClient client(URI base, @Nullable Path clientKeystore) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(certs.sslContext(clientKeystore))
        .build();
    return new ProxyClient(base, http, ProxyClient.REQUEST_TIMEOUT);
  }

  @Test
  void basicOverHttps_acceptsTheRightPassword_refusesOthers_andAnUntrustingClientCannotConnect() {
    String topic = kafka.createTopic("https-basic", 1);
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), basicOverHttps("NONE"))) {
      ProxyClient proxy = client(server.baseUri(), null);
      assertEquals("https", server.baseUri().getScheme());

      new AuthenticatedFlow(proxy, "Authorization", basic("alice", "alice-secret")).produceLands(kafka, topic, "tls");
      assertUnauthorized(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
          "Authorization", basic("alice", "wrong")), CHALLENGE, INVALID, "wrong");
      assertUnauthorized(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")), CHALLENGE, REQUIRED);
      // The JDK's default trust store does not know the test authority: curl without --cacert.
      ProxyClient untrusting = new ProxyClient(server.baseUri());
      assertThrows(UncheckedIOException.class, () -> untrusting.produce(topic, MediaTypes.BINARY_V2,
          binaryRecord("x"), "Authorization", basic("alice", "alice-secret")));
      assertEquals(1, kafka.recordCount(topic));
    }
  }

  @Test
  void basicWithRequiredClientCertificate_needsBoth_andTheHeaderNamesTheCaller() {
    String topic = kafka.createTopic("https-mutual", 1);
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), basicOverHttps("REQUIRED"))) {
      Path aliceCertificate = certs.client("alice-cert", "CN=alice,OU=payments,O=Example");
      ProxyClient withCertificate = client(server.baseUri(), aliceCertificate);
      ProxyClient withoutCertificate = client(server.baseUri(), null);

      assertThrows(UncheckedIOException.class, () -> withoutCertificate.produce(topic, MediaTypes.BINARY_V2,
          binaryRecord("x"), "Authorization", basic("alice", "alice-secret")), "refused at the handshake");
      // The certificate secures the connection; with BASIC it does not authenticate the request.
      assertUnauthorized(withCertificate.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")), CHALLENGE,
          REQUIRED);
      assertUnauthorized(withCertificate.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
          "Authorization", basic("alice", "wrong")), CHALLENGE, INVALID, "wrong");
      assertEquals(0, kafka.recordCount(topic));

      new AuthenticatedFlow(withCertificate, "Authorization", basic("alice", "alice-secret"))
          .produceLands(kafka, topic, "mutual tls");
    }
  }

  @Test
  void clientCertificate_isTheCaller_subjectsNoRuleMapsGet401_andNothingReachesKafka() {
    String topic = kafka.createTopic("https-subject", 1);
    // docs/security.md's rule, without its DEFAULT: only payments certificates name a caller.
    Map<String, String> settings = https("ssl.client.authentication", "REQUIRED",
        "ssl.principal.mapping.rules", "RULE:^CN=([^,]+),OU=payments,.*$/$1/L");
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings)) {
      ProxyClient alice = client(server.baseUri(), certs.client("alice-payments", "CN=Alice,OU=payments,O=Example"));
      ProxyClient robot = client(server.baseUri(), certs.client("robot", "CN=robot,OU=machines,O=Example"));
      ProxyClient stranger = client(server.baseUri(),
          certs.untrustedClient("stranger", "CN=eve,OU=payments,O=Example"));

      String log;
      try (CapturedLog captured = CapturedLog.start()) {
        assertUnauthorized(robot.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")), null, INVALID);
        log = captured.text();
      }
      assertThrows(UncheckedIOException.class, () -> stranger.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")),
          "a certificate from another authority is refused at the handshake");
      assertEquals(0, kafka.recordCount(topic));
      assertTrue(log.contains("no principal mapping rule matches the subject CN=robot,OU=machines,O=Example"), log);

      new AuthenticatedFlow(alice).produceLands(kafka, topic, "from alice's certificate");
      new AuthenticatedFlow(alice).consumeRoundTrip(topic, List.of("from alice's certificate"));
    }
  }

  @Test
  void certificateSubject_mappedOrInFull_isThePrincipalOfTheAccessRules() throws IOException {
    String topic = kafka.createTopic("https-principal", 1);
    // docs/security.md's rule with its DEFAULT: payments certificates map to the lower-cased CN, others keep
    // their full subject.
    Path rules = Files.writeString(dir.resolve("principal.rules"), String.join("\n",
        "allow user:alice write,describe topic:" + topic,
        "allow user:CN=robot,OU=machines,O=Example describe topic:" + topic), StandardCharsets.UTF_8);
    Map<String, String> settings = https("ssl.client.authentication", "REQUIRED",
        "ssl.principal.mapping.rules", "RULE:^CN=([^,]+),OU=payments,.*$/$1/L,DEFAULT",
        "authorization.enabled", "true", "authorization.rules.file", rules.toString());
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings)) {
      ProxyClient alice = client(server.baseUri(), certs.client("alice-principal", "CN=Alice,OU=payments,O=Example"));
      ProxyClient carol = client(server.baseUri(), certs.client("carol-principal", "CN=Carol,OU=payments,O=Example"));
      ProxyClient robot = client(server.baseUri(), certs.client("robot-principal", "CN=robot,OU=machines,O=Example"));

      assertError(carol.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")), 403, 40301,
          "Not authorized to write topic");
      assertError(robot.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")), 403, 40301,
          "Not authorized to write topic");
      assertEquals(0, kafka.recordCount(topic));
      assertEquals(200, robot.getTopic(topic).status());
      new AuthenticatedFlow(alice).produceLands(kafka, topic, "alice by her certificate");
    }
  }
}
