package dev.kafkarest.it;

import static dev.kafkarest.it.AuthenticationAssertions.INVALID;
import static dev.kafkarest.it.AuthenticationAssertions.REQUIRED;
import static dev.kafkarest.it.AuthenticationAssertions.assertUnauthorized;
import static dev.kafkarest.it.AuthenticatedFlow.binaryRecord;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.it.faults.ProxyJvm;
import dev.kafkarest.server.metrics.PrometheusText;
import dev.kafkarest.server.security.StoredPassword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three proxy processes sharing consumer instances ({@code nodes.enable}) with HTTP Basic authentication and
 * authorization on a rules file, as docs/security.md and docs/deployment.md describe them: node 0 owns the
 * instances, node 1 forwards calls for them, node 2 answers them with a 307 ({@code nodes.forward.mode=redirect}).
 * Each call goes to a chosen node, and carries an {@code X-Request-Id}, so the owner's access log shows which
 * calls reached it and as whom.
 */
@ProxyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredNodesIT {
  private static final int OWNER = 0;
  private static final int FORWARDER = 1;
  private static final int REDIRECTOR = 2;
  private static final String ALICE = "alice";
  private static final String BOB = "bob";
  private static final String CAROL = "carol";
  /** In the users file with the role that may read his groups, until the last test takes it away. */
  private static final String DAVE = "dave";
  private static final String DAVES_ROLE = "dave-readers";
  private static final String REQUEST_ID = "X-Request-Id";
  private static final String CHALLENGE = "Basic realm=\"KafkaRest\", charset=\"UTF-8\"";
  private static final Duration LOG_WAIT = Duration.ofSeconds(10);
  private static final Duration READ_WAIT = Duration.ofSeconds(20);
  /** Follows no redirect: the tests look at the 307 itself. */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  private final KafkaTestClient kafka;
  /** Alice's topics and groups start with these; bob and carol are given rights on some of them. */
  private final String aliceTopics = KafkaTestClient.uniqueName("secured-nodes-topic");
  private final String aliceGroups = KafkaTestClient.uniqueName("secured-nodes-group");
  private final String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
  private final List<ProxyJvm> nodes = new ArrayList<>();
  private final String daveGroups = KafkaTestClient.uniqueName("secured-nodes-dave");
  private Path usersFile;
  private String directoryTopic;
  private List<String> users;

  SecuredNodesIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  void startNodes(@TempDir Path dir) throws IOException {
    users = new ArrayList<>();
    for (String user : List.of(ALICE, BOB, CAROL, DAVE)) {
      users.add(user + ":" + StoredPassword.Bcrypt.hash(password(user), 4).hash());
    }
    users.set(3, users.get(3) + "," + DAVES_ROLE);
    usersFile = Files.write(dir.resolve("users"), users);
    Path rulesFile = Files.write(dir.resolve("access.rules"), List.of(
        "allow user:alice describe,read,write topic:" + aliceTopics + "*",
        "allow user:alice read consumer-group:" + aliceGroups + "*",
        // Carol may use alice's groups, but owns none of alice's instances.
        "allow user:carol read consumer-group:" + aliceGroups + "*",
        // Bob may read alice's topics, but not in her groups.
        "allow user:bob describe,read topic:" + aliceTopics + "*",
        "allow user:bob read consumer-group:secured-nodes-bob*",
        "allow group:" + DAVES_ROLE + " read consumer-group:" + daveGroups + "*"));
    // As an operator might create it: compacted, but with the broker's default timestamps (CreateTime).
    directoryTopic = kafka.createTopic("_kafka-rest-secured-nodes-it", 1, Map.of("cleanup.policy", "compact"));
    Map<String, Map<String, String>> settingsByName = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      Map<String, String> settings = new HashMap<>();
      settings.put("id", "secured-node-" + i);
      settings.put("authentication.method", "BASIC");
      settings.put("authentication.basic.users.file", usersFile.toString());
      // The last test takes a role away from dave: the nodes read the users file again within 200 ms.
      settings.put("authentication.basic.reload.interval.ms", "200");
      // ProxyJvm waits for GET / to answer 200: Confluent's liveness endpoint stays open, as in BasicAuthenticationIT.
      settings.put("authentication.skip.paths", "/,/healthz,/readyz");
      settings.put("authorization.enabled", "true");
      settings.put("authorization.rules.file", rulesFile.toString());
      settings.put("nodes.enable", "true");
      settings.put("nodes.secret", secret);
      settings.put("nodes.topic", directoryTopic);
      settings.put("nodes.advertised.url", "http://127.0.0.1:${port}");
      settings.put("nodes.heartbeat.interval.ms", "300");
      settings.put("nodes.failure.timeout.ms", "3000");
      settings.put("nodes.forward.mode", i == REDIRECTOR ? "redirect" : "forward");
      settingsByName.put("secured-node-" + i, settings);
    }
    nodes.addAll(ProxyJvm.startAll(kafka.bootstrapServers(), settingsByName));
  }

  @AfterAll
  void stopNodes() {
    nodes.forEach(ProxyJvm::close);
  }

  @Test
  void forwardedCalls_carryTheCallersIdentity_andWorkWithHerOwnCredentials() throws Exception {
    String topic = kafka.createTopic(aliceTopics, 1);
    String group = KafkaTestClient.uniqueName(aliceGroups);
    ProxyClient forwarder = node(FORWARDER);
    assertProduced(forwarder.produce(topic, MediaTypes.BINARY_V2, binaryRecord("for alice"), as(ALICE)), 1);
    String path = createOnOwner(group);

    String subscribe = requestId("subscribe");
    assertEquals(204, forwarder.post(path + "/subscription", MediaTypes.V2, "{\"topics\":[\"" + topic + "\"]}",
        as(ALICE, REQUEST_ID, subscribe)).status(), "subscribe through node 1");
    HttpResult read = Await.until(READ_WAIT, "alice's record through node 1",
        () -> forwarder.get(path + "/records?timeout=500", as(ALICE, "Accept", MediaTypes.BINARY_V2)),
        result -> result.status() != 200 || !result.json().isEmpty());
    assertEquals(200, read.status(), read::toString);
    assertEquals(1, read.json().size(), read::toString);
    assertEquals("for alice", Payloads.utf8(Base64.getDecoder().decode(read.json().get(0).get("value").textValue())));
    String commit = requestId("commit");
    HttpResult committed = forwarder.method("POST", path + "/offsets", BodyPublishers.noBody(),
        as(ALICE, REQUEST_ID, commit, "Content-Type", MediaTypes.V2));
    assertEquals(200, committed.status(), committed::toString);
    assertEquals(Map.of(new TopicPartition(topic, 0), 1L), committed(group), "the commit reached Kafka");

    // The owner served both calls, as alice.
    for (String id : List.of(subscribe, commit)) {
      String line = awaitAccessLine(nodes.get(OWNER), id);
      assertTrue(line.contains(" principal=alice "), line);
      assertTrue(line.contains(" path=" + path + "/"), line);
      assertTrue(line.contains(" status=" + (id.equals(commit) ? 200 : 204) + " "), line);
      assertTrue(awaitAccessLine(nodes.get(FORWARDER), id).contains(" principal=alice "), id);
    }
    deleteOnOwner(path);
  }

  @Test
  void missingOrWrongCredentials_onTheForwardingNode_are401_andNeverReachTheOwner() {
    String group = KafkaTestClient.uniqueName(aliceGroups);
    String path = createOnOwner(group);
    ProxyClient forwarder = node(FORWARDER);

    // The commit that works for alice through node 1, a GET, and a DELETE that would show if it got through.
    String anonymous = requestId("anonymous");
    String wrongPassword = requestId("wrong-password");
    String unknownUser = requestId("unknown-user");
    String wrongDelete = requestId("wrong-delete");
    assertUnauthorized(forwarder.post(path + "/offsets", MediaTypes.V2, BodyPublishers.noBody(),
        REQUEST_ID, anonymous), CHALLENGE, REQUIRED);
    assertUnauthorized(forwarder.post(path + "/offsets", MediaTypes.V2, BodyPublishers.noBody(),
        "Authorization", basic(ALICE, "alice-guess"), REQUEST_ID, wrongPassword), CHALLENGE, INVALID, "alice-guess");
    assertUnauthorized(forwarder.get(path + "/subscription", "Authorization", basic("mallory", password(ALICE)),
        REQUEST_ID, unknownUser), CHALLENGE, INVALID, "mallory", password(ALICE));
    assertUnauthorized(forwarder.method("DELETE", path, BodyPublishers.noBody(),
        "Authorization", basic(ALICE, "alice-guess"), REQUEST_ID, wrongDelete), CHALLENGE, INVALID, "alice-guess");

    for (String id : List.of(anonymous, wrongPassword, unknownUser, wrongDelete)) {
      assertTrue(awaitAccessLine(nodes.get(FORWARDER), id).contains(" status=401 "), id);
    }
    assertNeverReachedOwner(path, anonymous, wrongPassword, unknownUser, wrongDelete);
    assertEquals(200, node(OWNER).get(path + "/subscription", as(ALICE)).status(), "alice's instance is still there");
    deleteOnOwner(path);
  }

  @Test
  void otherPrincipals_onTheForwardingNode_getWhatTheyWouldGetOnTheOwner_andNeverReachIt() {
    String group = KafkaTestClient.uniqueName(aliceGroups);
    String path = createOnOwner(group);
    ProxyClient forwarder = node(FORWARDER);

    // Bob may not read alice's group: 403 before any look-up, on either node (docs/security.md, Authorization).
    String bobDelete = requestId("bob-delete");
    String bobRead = requestId("bob-read");
    assertRefusedGroup(forwarder.method("DELETE", path, BodyPublishers.noBody(), as(BOB, REQUEST_ID, bobDelete)),
        group);
    assertRefusedGroup(forwarder.get(path + "/records?timeout=0",
        as(BOB, REQUEST_ID, bobRead, "Accept", MediaTypes.BINARY_V2)), group);
    assertRefusedGroup(node(OWNER).method("DELETE", path, BodyPublishers.noBody(), as(BOB)), group);
    // Carol may read the group, but the instance is alice's: 404/40403 as for one that does not exist
    // (docs/security.md, Consumer instance ownership), on either node.
    String carolDelete = requestId("carol-delete");
    assertError(forwarder.method("DELETE", path, BodyPublishers.noBody(), as(CAROL, REQUEST_ID, carolDelete)),
        404, 40403);
    assertError(node(OWNER).method("DELETE", path, BodyPublishers.noBody(), as(CAROL)), 404, 40403);
    assertError(forwarder.post(path + "/offsets", MediaTypes.V2, "{\"offsets\":[]}", as(CAROL)), 404, 40403);

    assertNeverReachedOwner(path, bobDelete, bobRead, carolDelete);
    assertEquals(200, forwarder.get(path + "/subscription", as(ALICE)).status(), "alice's instance is still there");
    deleteOnOwner(path);
  }

  @Test
  void forwardingHeaders_fromAClient_are401_evenWithValidCredentialsOrAValidSignatureOnAnotherCall() {
    String group = KafkaTestClient.uniqueName(aliceGroups);
    String path = createOnOwner(group);
    ProxyClient owner = node(OWNER);
    String aliceIdentity = identity(ALICE);
    long now = System.currentTimeMillis();

    // Bob signs in correctly, and claims to be alice with a made-up signature.
    HttpResult forged = owner.method("DELETE", path, BodyPublishers.noBody(), with(as(BOB),
        forwardingHeaders(aliceIdentity, now, "AAAA")));
    assertEquals("Invalid forwarding signature", assertError(forged, 401, 40101));
    assertEquals("Kafka-Rest-Node realm=\"kafka-rest-nodes\"", forged.headers().firstValue("WWW-Authenticate")
        .orElse(null), "a 401 names a scheme to authenticate with");

    // A node's signature (this test knows nodes.secret) is accepted for alice's instance: the control
    // that the signatures below are right, and what docs/security.md says a holder of the secret can do.
    assertEquals(200, owner.get(path + "/subscription", signed("GET", path + "/subscription", aliceIdentity,
        new byte[0], now)).status(), "a signed call for alice's instance");
    // ... but only there: not on produce or metadata calls,
    String topic = kafka.createTopic(aliceTopics, 1);
    String body = binaryRecord("signed");
    assertError(owner.produce(topic, MediaTypes.BINARY_V2, body, signed("POST", "/topics/" + topic, aliceIdentity,
        body.getBytes(StandardCharsets.UTF_8), now)), 401, 40101, "Forwarded identities are accepted on consumer "
        + "instance calls only");
    assertError(owner.getTopics(signed("GET", "/topics", aliceIdentity, new byte[0], now)), 401, 40101,
        "Forwarded identities are accepted on consumer instance calls only");
    assertEquals(0, kafka.recordCount(topic));
    // ... not for another call on the instance (a GET's signature replayed on a DELETE),
    assertEquals("Invalid forwarding signature", assertError(owner.method("DELETE", path, BodyPublishers.noBody(),
        signed("GET", path + "/subscription", aliceIdentity, new byte[0], now)), 401, 40101));
    // ... not with another body than the one signed,
    assertEquals("Invalid forwarding signature", assertError(owner.post(path + "/subscription", MediaTypes.V2,
        BodyPublishers.ofString("{\"topics\":[\"" + topic + "\"]}"), signed("POST", path + "/subscription",
        aliceIdentity, "{\"topics\":[\"another\"]}".getBytes(StandardCharsets.UTF_8), now)), 401, 40101));
    // ... and not when older than 60 s.
    long old = now - TimeUnit.MINUTES.toMillis(2);
    assertEquals("Invalid forwarding signature", assertError(owner.method("DELETE", path, BodyPublishers.noBody(),
        signed("DELETE", path, aliceIdentity, new byte[0], old)), 401, 40101));

    assertEquals(200, owner.get(path + "/subscription", as(ALICE)).status(), "alice's instance is still there");
    deleteOnOwner(path);
  }

  /** The signature is checked before the body is read: a forged call cannot make the owner hold its body. */
  @Test
  void forwardingHeaders_fromAClient_withABodyOverTheForwardedLimit_are401AsWithoutTheHeaders() {
    String path = createOnOwner(KafkaTestClient.uniqueName(aliceGroups));
    byte[] body = new byte[2 << 20];
    Arrays.fill(body, (byte) ' ');

    HttpResult plain = node(OWNER).post(path + "/subscription", MediaTypes.V2, BodyPublishers.ofByteArray(body));
    HttpResult forged = node(OWNER).post(path + "/subscription", MediaTypes.V2, BodyPublishers.ofByteArray(body),
        forwardingHeaders(identity(ALICE), System.currentTimeMillis(), "AAAA"));

    assertUnauthorized(plain, CHALLENGE, REQUIRED);
    assertEquals("Invalid forwarding signature", assertError(forged, 401, 40101));
    deleteOnOwner(path);
  }

  @Test
  void forwardingHeaders_fromAClient_reachTheOwnersLogWithoutTheirControlCharacters() {
    String path = createOnOwner(KafkaTestClient.uniqueName(aliceGroups));
    String marker = UUID.randomUUID().toString();

    HttpResult refused;
    try (RawSocket socket = new RawSocket(nodes.get(OWNER).uri())) {
      refused = socket.send("GET " + path + "/subscription HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Kafka-Rest-Forwarded-Identity: " + identity(ALICE) + "\r\nKafka-Rest-Forwarded-Signature: AAAA\r\n"
          + "Kafka-Rest-Forwarded-At: " + System.currentTimeMillis() + "\r\n"
          + "Kafka-Rest-Forwarded-By: " + marker + "\u001b[2K\u0007\r\nConnection: close\r\n\r\n")
          .response(Duration.ofSeconds(10));
    }

    assertEquals("Invalid forwarding signature", assertError(refused, 401, 40101));
    String line = Await.until(LOG_WAIT, "the owner's log line of the refusal", () -> nodes.get(OWNER).log().lines()
        .filter(candidate -> candidate.contains(marker)).findFirst().orElse(null), Objects::nonNull);
    assertFalse(line.chars().anyMatch(Character::isISOControl), () -> "control characters in " + line);
    deleteOnOwner(path);
  }

  @Test
  void redirectMode_answers307ToTheOwner_andTheSameCallThereWithTheSameCredentialsWorks() throws Exception {
    String topic = kafka.createTopic(aliceTopics, 1);
    String group = KafkaTestClient.uniqueName(aliceGroups);
    assertProduced(node(OWNER).produce(topic, MediaTypes.BINARY_V2, binaryRecord("redirected"), as(ALICE)), 1);
    String path = createOnOwner(group);
    URI owner = nodes.get(OWNER).uri();
    // Through the client that checks every answer against the OpenAPI document: a 307 is documented there.
    HttpResult documented = new ProxyClient(nodes.get(REDIRECTOR).uri(), HTTP, ProxyClient.REQUEST_TIMEOUT)
        .get(path + "/subscription", as(ALICE));
    assertEquals(owner + path + "/subscription", documented.header("Location"), documented::toString);

    HttpResponse<String> subscribe = sendRaw(HttpRequest.newBuilder(nodes.get(REDIRECTOR).uri().resolve(path
        + "/subscription")).POST(BodyPublishers.ofString("{\"topics\":[\"" + topic + "\"]}"))
        .header("Content-Type", MediaTypes.V2).header("Authorization", basic(ALICE)));
    URI location = assertRedirect(subscribe, owner + path + "/subscription");
    assertEquals(204, at(location).post(pathAndQuery(location), MediaTypes.V2, "{\"topics\":[\"" + topic + "\"]}",
        as(ALICE)).status(), "the POST repeated at the Location");

    String query = "/records?timeout=500&max_bytes=100000";
    HttpResult read = Await.until(READ_WAIT, "alice's record at the Location node 2 gives", () -> {
      HttpResponse<String> redirect = sendRaw(HttpRequest.newBuilder(nodes.get(REDIRECTOR).uri().resolve(path + query))
          .header("Accept", MediaTypes.BINARY_V2).header("Authorization", basic(ALICE)));
      URI next = assertRedirect(redirect, owner + path + query);
      return at(next).get(pathAndQuery(next), as(ALICE, "Accept", MediaTypes.BINARY_V2));
    }, result -> result.status() != 200 || !result.json().isEmpty());
    assertEquals(200, read.status(), read::toString);
    assertEquals("redirected", Payloads.utf8(Base64.getDecoder().decode(read.json().get(0).get("value").textValue())));
    assertEquals(200, node(OWNER).method("POST", path + "/offsets", BodyPublishers.noBody(),
        as(ALICE, "Content-Type", MediaTypes.V2)).status());
    assertEquals(Map.of(new TopicPartition(topic, 0), 1L), committed(group));
    HttpResult metrics = node(REDIRECTOR).get("/metrics", as(ALICE));
    assertEquals(200, metrics.status(), metrics::toString);
    assertTrue(PrometheusText.parse(metrics.body()).sum("kafka_rest_nodes_calls_total", Map.of("outcome", "redirected"))
        >= 3, "the three redirects above are counted");
    deleteOnOwner(path);
  }

  @Test
  void redirectMode_refusesBeforeItRedirects_soNoOtherCallerLearnsWhereAnInstanceLives() {
    String group = KafkaTestClient.uniqueName(aliceGroups);
    String path = createOnOwner(group);
    ProxyClient redirector = node(REDIRECTOR);
    String ownerPort = Integer.toString(nodes.get(OWNER).uri().getPort());

    List<HttpResult> refusals = new ArrayList<>();
    HttpResult anonymous = redirector.get(path + "/subscription");
    assertUnauthorized(anonymous, CHALLENGE, REQUIRED);
    refusals.add(anonymous);
    HttpResult wrongPassword = redirector.get(path + "/subscription", "Authorization", basic(ALICE, "alice-guess"));
    assertUnauthorized(wrongPassword, CHALLENGE, INVALID, "alice-guess");
    refusals.add(wrongPassword);
    HttpResult bob = redirector.method("DELETE", path, BodyPublishers.noBody(), as(BOB));
    assertRefusedGroup(bob, group);
    refusals.add(bob);
    HttpResult carol = redirector.method("DELETE", path, BodyPublishers.noBody(), as(CAROL));
    assertError(carol, 404, 40403);
    refusals.add(carol);

    for (HttpResult refusal : refusals) {
      assertNull(refusal.header("Location"), refusal::toString);
      assertFalse(refusal.body().contains(ownerPort) || refusal.body().contains("secured-node-" + OWNER),
          refusal::toString);
    }
    assertEquals(200, node(OWNER).get(path + "/subscription", as(ALICE)).status(), "alice's instance is still there");
    deleteOnOwner(path);
  }

  @Test
  void directoryTopicCreatedBeforehand_withoutAppendTime_eachNodeWarnsWhatToSet() {
    for (ProxyJvm node : nodes) {
      assertTrue(node.log().lines().anyMatch(line -> line.contains("WARN")
          && line.contains("The node directory topic " + directoryTopic + " exists without "
              + "message.timestamp.type=LogAppendTime:")), node.uri()::toString);
    }
  }

  /** Last: it kills the owner. */
  @Test
  @Order(Integer.MAX_VALUE)
  void ownerGone_aCallerWithoutReadOnTheGroup_gets403_andLearnsNothingOfTheNode() throws Exception {
    String group = KafkaTestClient.uniqueName(aliceGroups);
    String path = createOnOwner(group);
    String daveGroup = KafkaTestClient.uniqueName(daveGroups);
    String davesPath = "/consumers/" + daveGroup + "/instances/daves";
    assertOkV2(node(OWNER).post("/consumers/" + daveGroup, MediaTypes.V2, "{\"name\":\"daves\"}", as(DAVE)));

    nodes.get(OWNER).kill();

    HttpResult lost = Await.until(READ_WAIT, "404 for the dead owner's instance",
        () -> node(FORWARDER).get(path + "/subscription", as(ALICE)), result -> result.status() == 404);
    assertTrue(assertError(lost, 404, 40403).contains("secured-node-" + OWNER), lost::toString);
    // The group is checked first, as on a live owner: bob learns nothing of the instance or its node.
    HttpResult bob = node(FORWARDER).get(path + "/subscription", as(BOB));
    assertRefusedGroup(bob, group);
    assertFalse(bob.body().contains("secured-node-" + OWNER), bob::toString);

    // Dave loses read on his groups; his own instance on the dead node is then refused like any call, before
    // anything is looked up, so the 403 does not say where it was either.
    HttpResult davesBefore = node(FORWARDER).get(davesPath + "/subscription", as(DAVE));
    assertTrue(assertError(davesBefore, 404, 40403).contains("secured-node-" + OWNER), davesBefore::toString);
    users.set(3, users.get(3).substring(0, users.get(3).lastIndexOf(',')));
    Files.write(usersFile, users);
    Await.until(READ_WAIT, "dave's role gone from the forwarding node", () -> node(FORWARDER).get("/consumers/"
        + daveGroup + "/instances/none/subscription", as(DAVE)), result -> result.status() == 403);
    // Before the live nodes drop the dead node's entries (three failure timeouts after it died).
    HttpResult refused = node(FORWARDER).get(davesPath + "/subscription", as(DAVE));
    assertRefusedGroup(refused, daveGroup);
    assertFalse(refused.body().contains("secured-node-" + OWNER), refused::toString);
  }

  /** Creates an instance of alice's on the owner and returns its path. */
  private String createOnOwner(String group) {
    JsonNode created = assertOkV2(node(OWNER).post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"alices\","
        + "\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}", as(ALICE)));
    assertTrue(created.get("base_uri").textValue().startsWith(nodes.get(OWNER).uri().toString()), created::toString);
    return "/consumers/" + group + "/instances/alices";
  }

  private void deleteOnOwner(String path) {
    assertEquals(204, node(OWNER).method("DELETE", path, BodyPublishers.noBody(), as(ALICE)).status());
  }

  /**
   * Asserts that the calls with these request ids never reached the owner: a forwarded call of alice's made
   * after them is in the owner's access log, and they are not.
   */
  private void assertNeverReachedOwner(String path, String... requestIds) {
    String after = requestId("after");
    assertEquals(200, node(FORWARDER).get(path + "/subscription", as(ALICE, REQUEST_ID, after)).status());
    awaitAccessLine(nodes.get(OWNER), after);
    for (String id : requestIds) {
      assertNull(accessLine(nodes.get(OWNER), id), () -> "forwarded to the owner: " + id);
    }
  }

  /** Asserts 403/40301 for the group, naming neither the caller nor the instance's owner. */
  private static void assertRefusedGroup(HttpResult result, String group) {
    String message = assertError(result, 403, 40301, "Not authorized to read consumer-group '" + group + "'");
    assertFalse(message.contains(ALICE) || message.contains(BOB), message);
    assertNull(result.header("WWW-Authenticate"), result::toString);
  }

  /** Asserts a 307 to exactly {@code expected}; returns the Location. */
  private static URI assertRedirect(HttpResponse<String> response, String expected) {
    assertEquals(307, response.statusCode(), response::toString);
    List<String> location = response.headers().allValues("Location");
    assertEquals(List.of(expected), location, response::toString);
    return URI.create(location.get(0));
  }

  /** {@return a client on the scheme, host and port of {@code location}} */
  private static ProxyClient at(URI location) {
    return new ProxyClient(location.resolve("/"));
  }

  private static String pathAndQuery(URI location) {
    String query = location.getRawQuery();
    return query == null ? location.getRawPath() : location.getRawPath() + "?" + query;
  }

  /**
   * Sends without {@link ProxyClient}, which checks every exchange against the OpenAPI document: the
   * document does not describe the 307 of {@code nodes.forward.mode=redirect}.
   */
  private static HttpResponse<String> sendRaw(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(ProxyClient.REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private ProxyClient node(int index) {
    return new ProxyClient(nodes.get(index).uri());
  }

  private static @Nullable String accessLine(ProxyJvm node, String requestId) {
    return node.log().lines().filter(line -> line.endsWith(" request_id=" + requestId)).findFirst().orElse(null);
  }

  /** {@return the node's access-log line for a request id, once written} */
  private static String awaitAccessLine(ProxyJvm node, String requestId) {
    return Await.until(LOG_WAIT, "the access-log line of " + requestId, () -> accessLine(node, requestId),
        Objects::nonNull);
  }

  private Map<TopicPartition, Long> committed(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, Long> plain = new HashMap<>();
    offsets.forEach((partition, offset) -> plain.put(partition, offset.offset()));
    return plain;
  }

  private static String requestId(String label) {
    return "secured-nodes-" + label + "-" + UUID.randomUUID();
  }

  /** {@return the header that signs in as {@code user}, followed by the name-value pairs {@code more}} */
  private static String[] as(String user, String... more) {
    return with(new String[] {"Authorization", basic(user)}, more);
  }

  private static String[] with(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static String password(String user) {
    return user + "-password";
  }

  private static String basic(String user) {
    return basic(user, password(user));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  // Forwarding headers as a node writes them (NodeSignature): the identity as base64url JSON, the time, the body's
  // SHA-256, and an HMAC-SHA256 with nodes.secret over time, method, raw path and query, identity and that digest.

  private static String identity(String user) {
    String json = "{\"name\":\"" + user + "\",\"groups\":[],\"authenticated\":true}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] forwardingHeaders(String identity, long at, String signature) {
    return forwardingHeaders(identity, at, signature, digest(new byte[0]));
  }

  private static String[] forwardingHeaders(String identity, long at, String signature, String digest) {
    return new String[] {"Kafka-Rest-Forwarded-Identity", identity, "Kafka-Rest-Forwarded-At", Long.toString(at),
        "Kafka-Rest-Forwarded-Body-Digest", digest, "Kafka-Rest-Forwarded-Signature", signature,
        "Kafka-Rest-Forwarded-By", "secured-node-" + FORWARDER};
  }

  private static String digest(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String[] signed(String method, String pathAndQuery, String identity, byte[] body, long at) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String digest = digest(body);
      String signedText = String.join("\n", Long.toString(at), method, pathAndQuery, identity, digest);
      return forwardingHeaders(identity, at, Base64.getUrlEncoder().withoutPadding().encodeToString(
          mac.doFinal(signedText.getBytes(StandardCharsets.UTF_8))), digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
