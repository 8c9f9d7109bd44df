package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.tls.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners over TLS: several listeners at once, each with its scheme in {@code base_uri}; client
 * certificates required or not; only TLS 1.2 and 1.3; key-store mistakes stop start-up naming the setting;
 * a Host header that is not this machine's never reaches {@code base_uri}.
 */
@ProxyTest
class TlsIT {
  @TempDir static Path dir;
  static TestCertificates certs;

  private final KafkaTestClient kafka;

  TlsIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void certificates() {
    certs = TestCertificates.create(dir);
  }

  private static Map<String, String> tls(String listeners) {
    Map<String, String> settings = new HashMap<>();
    settings.put("listeners", listeners);
    settings.put("ssl.keystore.location", certs.serverKeystore().toString());
    settings.put("ssl.keystore.password", TestCertificates.PASSWORD);
    settings.put("ssl.truststore.location", certs.truststore().toString());
    settings.put("ssl.truststore.password", TestCertificates.PASSWORD);
    return settings;
  }

  private static ProxyClient client(URI base, @Nullable Path clientKeystore, String... protocols) {
    SSLParameters parameters = new SSLParameters();
    if (protocols.length > 0) {
      parameters.setProtocols(protocols);
    }
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(certs.sslContext(clientKeystore))
        .sslParameters(parameters)
        .build();
    return new ProxyClient(base, http, ProxyClient.REQUEST_TIMEOUT);
  }

  @Test
  void httpAndHttpsListeners_serveTogether_andBaseUriFollowsTheListener() {
    Map<String, String> settings = tls("http://127.0.0.1:0,https://localhost:0");
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings)) {
      List<URI> listeners = server.listenerUris();
      assertEquals(List.of("http", "https"), listeners.stream().map(URI::getScheme).toList());
      ProxyClient plain = new ProxyClient(listeners.get(0));
      ProxyClient secure = client(listeners.get(1), null);
      String group = KafkaTestClient.uniqueName("tls");

      assertEquals(200, plain.get("/topics").status());
      assertEquals(200, secure.get("/topics").status());
      String overHttps = secure.post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"s\"}").json()
          .get("base_uri").asText();
      String overHttp = plain.post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"p\"}").json()
          .get("base_uri").asText();

      assertEquals(listeners.get(1).resolve("/consumers/" + group + "/instances/s").toString(), overHttps);
      assertEquals(listeners.get(0).resolve("/consumers/" + group + "/instances/p").toString(), overHttp);
      assertEquals(204, secure.method("DELETE", URI.create(overHttps).getPath(), BodyPublishers.noBody()).status());
      assertEquals(204, plain.method("DELETE", URI.create(overHttp).getPath(), BodyPublishers.noBody()).status());
    }
  }

  @Test
  void httpsProduce_landsInKafka() {
    String topic = kafka.createTopic("tls-produce", 1);
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), tls("https://localhost:0"))) {
      ProxyClient secure = client(server.baseUri(), null);

      HttpResult produced = secure.post("/topics/" + topic, MediaTypes.JSON_V2,
          "{\"records\":[{\"value\":{\"over\":\"tls\"}}]}");

      assertEquals(200, produced.status(), produced.body());
      assertEquals(1, kafka.recordCount(topic));
    }
  }

  @Test
  void enabledProtocols_defaultAcceptsTls12And13_andTheSettingNarrowsThem() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), tls("https://localhost:0"))) {
      assertEquals(200, client(server.baseUri(), null, "TLSv1.2").get("/topics").status());
      assertEquals(200, client(server.baseUri(), null, "TLSv1.3").get("/topics").status());
    }
    Map<String, String> onlyTls13 = tls("https://localhost:0");
    onlyTls13.put("ssl.enabled.protocols", "TLSv1.3");
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), onlyTls13)) {
      ProxyClient tls12 = client(server.baseUri(), null, "TLSv1.2");

      assertThrows(RuntimeException.class, () -> tls12.get("/topics"));
      assertEquals(200, client(server.baseUri(), null, "TLSv1.3").get("/topics").status());
    }
  }

  @Test
  void clientCertificateRequired_withoutOrUntrusted_isRefusedAtTheHandshake() {
    Map<String, String> settings = tls("https://localhost:0");
    settings.put("ssl.client.authentication", "REQUIRED");
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings)) {
      Path alice = certs.client("alice", "CN=alice,OU=users");
      Path mallory = certs.untrustedClient("mallory", "CN=mallory");

      assertEquals(200, client(server.baseUri(), alice).get("/topics").status());
      assertThrows(RuntimeException.class, () -> client(server.baseUri(), null).get("/topics"));
      assertThrows(RuntimeException.class, () -> client(server.baseUri(), mallory).get("/topics"));
    }
  }

  @Test
  void clientCertificate_subjectMappedByTheRules_isThePrincipal_andUnmappedSubjectsGet401() {
    Map<String, String> settings = tls("https://localhost:0");
    settings.put("ssl.client.authentication", "REQUIRED");
    settings.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+),OU=users$/$1/");
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings)) {
      Path alice = certs.client("alice", "CN=alice,OU=users");
      Path robot = certs.client("robot", "CN=robot,OU=machines");

      assertEquals(200, client(server.baseUri(), alice).get("/topics").status());
      HttpResult refused = client(server.baseUri(), robot).get("/topics");
      assertEquals(401, refused.status(), refused.body());
      assertEquals(40101, refused.json().get("error_code").asInt());
    }
  }

  @Test
  void clientCertificateRequested_withoutOne_stillConnects() {
    Map<String, String> settings = tls("https://localhost:0");
    settings.put("ssl.client.authentication", "REQUESTED");
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings)) {
      assertEquals(200, client(server.baseUri(), null).get("/topics").status());
      assertEquals(200, client(server.baseUri(), certs.client("alice", "CN=alice,OU=users")).get("/topics").status());
    }
  }

  @Test
  void wrongKeystorePassword_stopsStartUpNamingTheSetting() {
    Map<String, String> settings = tls("https://localhost:0");
    settings.put("ssl.keystore.password", "not-the-password");

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyExtension.startProxy(kafka.bootstrapServers(), settings).close());

    assertTrue(e.getMessage().contains("ssl.keystore.password"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
  }

  @Test
  void missingKeystore_stopsStartUpNamingTheSettingAndFile() {
    Map<String, String> settings = tls("https://localhost:0");
    settings.put("ssl.keystore.location", dir.resolve("absent.p12").toString());

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyExtension.startProxy(kafka.bootstrapServers(), settings).close());

    assertTrue(e.getMessage().contains("ssl.keystore.location") && e.getMessage().contains("absent.p12"),
        e.getMessage());
  }

  @Test
  void foreignHostHeader_neverReachesBaseUri_unlessAllowed() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of())) {
      String group = KafkaTestClient.uniqueName("host");

      String refused = createWithHost(server.baseUri(), group, "a", "evil.example:666");
      String local = createWithHost(server.baseUri(), group, "b", "localhost:" + server.baseUri().getPort());

      assertFalse(refused.contains("evil.example"), refused);
      assertTrue(refused.endsWith("/consumers/" + group + "/instances/a"), refused);
      assertEquals("http://localhost:" + server.baseUri().getPort() + "/consumers/" + group + "/instances/b", local);
    }
    Map<String, String> allowed = Map.of("base.uri.allowed.hosts", "proxy.example.com");
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), allowed)) {
      String group = KafkaTestClient.uniqueName("host");

      assertEquals("http://proxy.example.com:8082/consumers/" + group + "/instances/c",
          createWithHost(server.baseUri(), group, "c", "proxy.example.com:8082"));
    }
  }

  private static String createWithHost(URI base, String group, String name, String host) {
    HttpResult created = RawHttp.send(base, "POST", "/consumers/" + group,
        List.of("Host: " + host, "Content-Type: " + MediaTypes.V2),
        ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    assertEquals(200, created.status(), created.body());
    return created.json().get("base_uri").asText();
  }
}
