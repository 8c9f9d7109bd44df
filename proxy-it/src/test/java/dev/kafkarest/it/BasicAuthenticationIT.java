package dev.kafkarest.it;

import static dev.kafkarest.it.AuthenticationAssertions.INVALID;
import static dev.kafkarest.it.AuthenticationAssertions.REQUIRED;
import static dev.kafkarest.it.AuthenticationAssertions.assertForbidden;
import static dev.kafkarest.it.AuthenticationAssertions.assertUnauthorized;
import static dev.kafkarest.it.AuthenticatedFlow.binaryRecord;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.security.StoredPassword;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP Basic authentication end to end: a proxy with {@code authentication.method=BASIC} over a users file
 * written by the test, against the shared broker. Every refusal is checked for its status, error code,
 * challenge and a body that reveals nothing, and for having sent nothing to Kafka.
 *
 * <p>The users file and the settings are the examples of docs/security.md, so these tests also check
 * that the documented passwords, roles and curl calls work as written.
 */
@ProxyTest
class BasicAuthenticationIT {
  /** docs/security.md, "HTTP Basic with the proxy's users file": passwords alice-secret, bob-secret, orders-secret. */
  private static final String DOCUMENTED_USERS = """
      # /etc/kafka-rest/users
      alice:$2y$10$O6lTjQW1cJ0m3R8xZ0pA4unj3v0OnzAYdcDBxpwaHKJTHHmjbayTG,admin,producers
      bob:$2b$12$Jt2rB8pQeV0xW5sN7mK9LuRDJfIMbCvKBdM6y2naruv9sytyygw8a,consumers
      svc-orders:$pbkdf2-sha256$600000$jx6TEaBcfSJLbgGZ0zpfcA$IxU8m0r/D6N/rDjKgS1SMt28tELGyl2/0fNz+T/RcJI,producers
      """;
  private static final String CHALLENGE = "Basic realm=\"KafkaRest\", charset=\"UTF-8\"";
  private static final String ORIGIN = "https://dashboard.example";
  private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

  private static ProxyServer server;
  private static ProxyClient proxy;
  private static Path usersFile;

  private final KafkaTestClient kafka;

  BasicAuthenticationIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void startProxy(TestBroker broker) throws IOException {
    usersFile = Files.createTempDirectory("basic-auth").resolve("users");
    Files.writeString(usersFile, DOCUMENTED_USERS, StandardCharsets.UTF_8);
    server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "authentication.method", "BASIC",
        "authentication.realm", "KafkaRest",
        "authentication.basic.users.file", usersFile.toString(),
        "authentication.roles", "producers,admin",
        "authentication.basic.reload.interval.ms", "100",
        // Confluent's liveness endpoint GET / for load balancers, besides the default probe paths.
        "authentication.skip.paths", "/,/healthz,/readyz",
        "access.control.allow.origin", ORIGIN));
    proxy = new ProxyClient(server.baseUri());
  }

  @AfterAll
  static void stopProxy() {
    if (server != null) {
      server.close();
    }
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void documentedUser_producesAndConsumesThroughTheProxy() {
    String topic = kafka.createTopic("basic-ok", 1);
    AuthenticatedFlow alice = new AuthenticatedFlow(proxy, "Authorization", basic("alice", "alice-secret"));

    alice.produceLands(kafka, topic, "from alice");
    alice.consumeRoundTrip(topic, List.of("from alice"));
    assertOkV2(proxy.getTopic(topic, "Authorization", basic("alice", "alice-secret")));
  }

  @Test
  void pbkdf2User_isAuthenticated() {
    String topic = kafka.createTopic("basic-pbkdf2", 1);

    new AuthenticatedFlow(proxy, "Authorization", basic("svc-orders", "orders-secret"))
        .produceLands(kafka, topic, "from svc-orders");
  }

  @Test
  void wrongPassword_returns401WithChallenge_andNothingReachesKafka() {
    String topic = kafka.createTopic("basic-wrong", 1);

    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
        "Authorization", basic("alice", "alice-secreT"));

    assertUnauthorized(result, CHALLENGE, INVALID, "alice", "alice-secreT", basic("alice", "alice-secreT"));
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void unknownUser_returnsTheSameAnswerAsAWrongPassword_andNothingReachesKafka() {
    String topic = kafka.createTopic("basic-unknown", 1);

    HttpResult unknown = proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
        "Authorization", basic("mallory", "alice-secret"));
    HttpResult wrongPassword = proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
        "Authorization", basic("alice", "mallory"));

    assertUnauthorized(unknown, CHALLENGE, INVALID, "mallory", "alice-secret");
    assertEquals(wrongPassword.body(), unknown.body());
    assertEquals(withoutRequestId(wrongPassword), withoutRequestId(unknown));
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void missingHeader_returns401AuthenticationRequired_andNothingReachesKafka() {
    String topic = kafka.createTopic("basic-missing", 1);

    assertUnauthorized(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")), CHALLENGE, REQUIRED);
    assertUnauthorized(proxy.getTopics(), CHALLENGE, REQUIRED);
    assertEquals(0, kafka.recordCount(topic));
  }

  static Stream<Arguments> malformedHeaders() {
    Base64.Encoder base64 = Base64.getEncoder();
    return Stream.of(
        Arguments.of("not base64", "Basic !!not*base64!!", INVALID),
        Arguments.of("no colon", "Basic " + base64.encodeToString("alice".getBytes(StandardCharsets.UTF_8)), INVALID),
        Arguments.of("not UTF-8", "Basic " + base64.encodeToString(new byte[] {'a', ':', (byte) 0xC3, (byte) 0x28}),
            INVALID),
        Arguments.of("scheme without credentials", "Basic", REQUIRED),
        Arguments.of("another scheme", "Bearer " + base64.encodeToString("alice:alice-secret".getBytes(
            StandardCharsets.UTF_8)), REQUIRED),
        Arguments.of("Digest", "Digest username=\"alice\", realm=\"KafkaRest\"", REQUIRED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedHeaders")
  void malformedHeader_returns401_andNothingReachesKafka(String description, String header, String message) {
    String topic = kafka.createTopic("basic-malformed", 1);

    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", header);

    assertUnauthorized(result, CHALLENGE, message, "alice-secret");
    assertEquals(0, kafka.recordCount(topic));
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void largeBodyWithAWrongPassword_isAnswered401BeforeItIsRead_andTheClientCarriesOn(boolean chunked) {
    String topic = kafka.createTopic("basic-large", 1);
    byte[] body = binaryRecord("x".repeat(4 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    String wrong = basic("alice", "wrong");

    HttpResult refused = chunked
        ? proxy.postChunked(Endpoints.topic(topic), MediaTypes.BINARY_V2, body, "Authorization", wrong)
        : proxy.post(Endpoints.topic(topic), MediaTypes.BINARY_V2, BodyPublishers.ofByteArray(body),
            "Authorization", wrong);

    assertUnauthorized(refused, CHALLENGE, INVALID, "wrong");
    assertEquals(0, kafka.recordCount(topic));
    new AuthenticatedFlow(proxy, "Authorization", basic("alice", "alice-secret")).produceLands(kafka, topic, "next");
  }

  @Test
  void userWithoutAnyRequiredRole_returns403WithoutChallenge_andNothingReachesKafka() {
    String topic = kafka.createTopic("basic-role", 1);

    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
        "Authorization", basic("bob", "bob-secret"));

    assertForbidden(result, "bob-secret", "consumers", "producers");
    assertForbidden(proxy.post("/consumers/" + KafkaTestClient.uniqueName("bob"), MediaTypes.V2, "{}",
        "Authorization", basic("bob", "bob-secret")));
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void badCredentials_answerTheSameForExistingAndMissingTopics() {
    String topic = kafka.createTopic("basic-probe", 1);
    String missing = KafkaTestClient.uniqueName("basic-missing-topic");

    HttpResult existing = proxy.getTopic(topic, "Authorization", basic("alice", "wrong"));
    HttpResult absent = proxy.getTopic(missing, "Authorization", basic("alice", "wrong"));

    assertUnauthorized(existing, CHALLENGE, INVALID);
    assertEquals(existing.status(), absent.status());
    assertEquals(existing.body(), absent.body());
  }

  @Test
  void usersFileChanged_addedUserIsAcceptedAfterTheReloadInterval_changedAndRemovedAreRefused() throws IOException {
    String topic = kafka.createTopic("basic-reload", 1);
    String carol = basic("carol", "carol-secret");
    assertUnauthorized(proxy.getTopics("Authorization", carol), CHALLENGE, INVALID);
    try {
      replaceUsersFile(DOCUMENTED_USERS + userLine("carol", "carol-secret", "producers"));

      Await.until(RELOAD_WAIT, "carol to be accepted", () -> proxy.getTopics("Authorization", carol).status() == 200);
      new AuthenticatedFlow(proxy, "Authorization", carol).produceLands(kafka, topic, "from carol");

      // A changed password takes effect at once, although the old one is remembered as verified.
      replaceUsersFile(DOCUMENTED_USERS + userLine("carol", "new-secret", "producers"));
      Await.until(RELOAD_WAIT, "carol's old password to be refused",
          () -> proxy.getTopics("Authorization", carol).status() == 401);
      assertEquals(200, proxy.getTopics("Authorization", basic("carol", "new-secret")).status());

      replaceUsersFile(DOCUMENTED_USERS);
      Await.until(RELOAD_WAIT, "carol to be refused",
          () -> proxy.getTopics("Authorization", basic("carol", "new-secret")).status() == 401);
      assertUnauthorized(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("after removal"),
          "Authorization", basic("carol", "new-secret")), CHALLENGE, INVALID, "new-secret");
      assertEquals(1, kafka.recordCount(topic), "only the record produced while carol existed");
      assertEquals(200, proxy.getTopics("Authorization", basic("alice", "alice-secret")).status());
    } finally {
      replaceUsersFile(DOCUMENTED_USERS);
    }
  }

  @Test
  void usersFileBroken_keepsTheUsersReadBefore_andTheLogNamesNoPassword() throws IOException {
    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      replaceUsersFile(DOCUMENTED_USERS + "dave:plain-text-password,producers\n");
      Await.until(RELOAD_WAIT, "the broken users file to be refused", () -> {
        proxy.getTopics("Authorization", basic("alice", "alice-secret"));
        return captured.text().contains("Cannot reload the users file");
      });
      log = captured.text();
      assertEquals(200, proxy.getTopics("Authorization", basic("alice", "alice-secret")).status());
      assertUnauthorized(proxy.getTopics("Authorization", basic("dave", "plain-text-password")), CHALLENGE, INVALID);
    } finally {
      replaceUsersFile(DOCUMENTED_USERS);
    }
    assertFalse(log.contains("plain-text-password"), log);
  }

  @Test
  void skipPath_isServedWithoutCredentials_otherPathsAreNot() {
    assertOkV2(proxy.getRoot());

    assertEquals(200, proxy.get("/healthz").status(), "a skipped path needs no credentials");
    assertUnauthorized(proxy.getTopics(), CHALLENGE, REQUIRED);
    assertUnauthorized(proxy.getBrokers(), CHALLENGE, REQUIRED);
    assertUnauthorized(proxy.get("/topics/"), CHALLENGE, REQUIRED);
  }

  @Test
  void corsPreflight_passesWithoutCredentials_theRequestItselfDoesNot() {
    String topic = kafka.createTopic("basic-cors", 1);

    HttpResult preflight = proxy.method("OPTIONS", Endpoints.topic(topic), BodyPublishers.noBody(),
        "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "authorization,content-type");

    assertEquals(204, preflight.status(), () -> "preflight: " + preflight);
    assertEquals(ORIGIN, preflight.header("Access-Control-Allow-Origin"));
    assertUnauthorized(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Origin", ORIGIN),
        CHALLENGE, REQUIRED);
    assertEquals(0, kafka.recordCount(topic));
    HttpResult produced = proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("cors"), "Origin", ORIGIN,
        "Authorization", basic("alice", "alice-secret"));
    assertProduced(produced, 1);
    assertEquals(ORIGIN, produced.header("Access-Control-Allow-Origin"));
  }

  /** docs/security.md, "Migrating from Confluent's JAAS set-up": MD5 and CRYPT are both of "secret". */
  @Test
  void confluentJaasFile_usersOfItsJettyFile_areAuthenticated(TestBroker broker) throws IOException {
    Path directory = Files.createTempDirectory("jaas");
    Path passwords = Files.writeString(directory.resolve("password.properties"), """
        # /etc/kafka-rest/password.properties: Jetty's format, user: password[,role...]
        admin: admin-secret,admin
        alice: MD5:5ebe2294ecd0e0f08eab7690d2a6ee69,developer
        bob: CRYPT:abNANd1rDfiNc,developer
        eve: eve-secret,guest
        """, StandardCharsets.UTF_8);
    Path jaas = Files.writeString(directory.resolve("rest-jaas.properties"), """
        /* /etc/kafka-rest/rest-jaas.properties */
        KafkaRest {
          org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required
          file="%s"
          debug="false";
        };
        """.formatted(passwords), StandardCharsets.UTF_8);
    String topic = kafka.createTopic("basic-jaas", 1);

    try (ProxyServer jaasProxy = startWithJaasFile(broker, jaas)) {
      ProxyClient client = new ProxyClient(jaasProxy.baseUri());
      new AuthenticatedFlow(client, "Authorization", basic("admin", "admin-secret")).produceLands(kafka, topic, "jaas");
      assertOkV2(client.getTopic(topic, "Authorization", basic("alice", "secret")));
      assertOkV2(client.getTopic(topic, "Authorization", basic("bob", "secret")));

      assertUnauthorized(client.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
          "Authorization", basic("alice", "MD5:5ebe2294ecd0e0f08eab7690d2a6ee69")), CHALLENGE, INVALID, "5ebe2294");
      assertForbidden(client.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
          "Authorization", basic("eve", "eve-secret")), "eve-secret");
      assertEquals(1, kafka.recordCount(topic));
    }
  }

  /** Starts a proxy as {@code java -Djava.security.auth.login.config=<jaas> -jar ...} with Confluent's keys. */
  private static ProxyServer startWithJaasFile(TestBroker broker, Path jaas) {
    String property = "java.security.auth.login.config";
    String before = System.getProperty(property);
    System.setProperty(property, jaas.toString());
    try {
      return ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
          "authentication.method", "BASIC",
          "authentication.realm", "KafkaRest",
          "authentication.roles", "admin,developer"));
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  @Test
  void refusals_areLoggedWithTheReason_butNeverACredentialOrAnUnknownName() {
    String wrongPassword = basic("alice", "guessed-password");
    String unknownUser = basic("mallory-typed-this", "mallory-password");
    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      assertEquals(401, proxy.getTopics("Authorization", wrongPassword).status());
      assertEquals(401, proxy.getTopics("Authorization", unknownUser).status());
      assertEquals(403, proxy.getTopics("Authorization", basic("bob", "bob-secret")).status());
      log = captured.text();
    }

    assertTrue(log.contains("principal alice: wrong password"), log);
    assertTrue(log.contains("unknown user"), log);
    assertTrue(log.contains("principal bob"), log);
    for (String secret : List.of("guessed-password", "mallory-typed-this", "mallory-password", "bob-secret",
        wrongPassword.substring(6), unknownUser.substring(6))) {
      assertFalse(log.contains(secret), () -> "the log holds '" + secret + "'");
    }
  }

  /** {@return a users-file line as PasswordTool prints it, hashed with the proxy's own bcrypt code (cost 4: fast)} */
  private static String userLine(String name, String password, String roles) {
    return name + ":" + StoredPassword.Bcrypt.hash(password, 4).hash() + "," + roles + "\n";
  }

  /**
   * Replaces the users file atomically, as docs/security.md advises, with a modification time one second
   * after the previous one, so that a coarse file-system clock cannot hide the change.
   */
  private static void replaceUsersFile(String content) throws IOException {
    FileTime previous = Files.getLastModifiedTime(usersFile);
    Path next = Files.writeString(usersFile.resolveSibling("users.next"), content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(next, FileTime.from(previous.toInstant().plusSeconds(1)));
    Files.move(next, usersFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Every header but the request id, which each response carries anew. */
  private static Map<String, List<String>> withoutRequestId(HttpResult result) {
    Map<String, List<String>> headers = new TreeMap<>(result.headers().map());
    headers.remove("x-request-id");
    return headers;
  }
}
