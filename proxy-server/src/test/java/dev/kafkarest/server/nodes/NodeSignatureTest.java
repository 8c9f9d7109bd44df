package dev.kafkarest.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.access.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class NodeSignatureTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");
  private static final Identity ALICE = Identity.of("alice", Set.of("readers", "ops"));
  private static final String PATH = "/consumers/g/instances/i/records?timeout=1000";
  private static final byte[] BODY = "{\"topics\":[\"t\"]}".getBytes(StandardCharsets.UTF_8);

  private final NodeSignature signer = signature(SECRET, NOW);

  @Test
  void verify_signedCall_givesTheSameIdentity() {
    Map<String, String> headers = signer.headers("POST", PATH, ALICE, BODY);
    assertEquals(ALICE, verify(signer, "POST", PATH, headers, BODY));
    assertEquals(Identity.anonymous(), verify(signer, "GET", PATH,
        signer.headers("GET", PATH, Identity.anonymous(), new byte[0]), new byte[0]));
  }

  @Test
  void verify_alteredMethodPathBodyOrIdentity_isRefused() {
    Map<String, String> headers = signer.headers("POST", PATH, ALICE, BODY);
    assertThrows(IllegalArgumentException.class, () -> verify(signer, "DELETE", PATH, headers, BODY));
    assertThrows(IllegalArgumentException.class, () -> verify(signer, "POST", PATH + "0", headers, BODY));
    assertThrows(IllegalArgumentException.class, () -> verify(signer, "POST", PATH, headers, new byte[] {1}));
    Map<String, String> otherIdentity = new java.util.HashMap<>(headers);
    otherIdentity.put(NodeSignature.IDENTITY, signer.headers("POST", PATH, Identity.of("admin", Set.of()), BODY)
        .get(NodeSignature.IDENTITY));
    assertThrows(IllegalArgumentException.class, () -> verify(signer, "POST", PATH, otherIdentity, BODY));
  }

  @Test
  void verify_anotherSecret_isRefused() {
    Map<String, String> headers = signature("another secret of at least 32 chars", NOW).headers("POST", PATH, ALICE,
        BODY);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> verify(signer, "POST", PATH, headers, BODY));
    assertFalse(refused.getMessage().contains(SECRET));
  }

  @Test
  void verify_signatureOlderThanTheMaximumAge_isRefused() {
    Map<String, String> headers = signer.headers("POST", PATH, ALICE, BODY);
    NodeSignature later = signature(SECRET, NOW.plus(NodeSignature.MAX_AGE).plus(Duration.ofMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> verify(later, "POST", PATH, headers, BODY));
    NodeSignature justInTime = signature(SECRET, NOW.plus(NodeSignature.MAX_AGE));
    assertEquals(ALICE, verify(justInTime, "POST", PATH, headers, BODY));
  }

  @Test
  void verify_missingOrMalformedHeaders_areRefused() {
    Map<String, String> headers = signer.headers("POST", PATH, ALICE, BODY);
    String digest = headers.get(NodeSignature.BODY_DIGEST);
    assertThrows(IllegalArgumentException.class, () -> signer.verify("POST", PATH, null,
        headers.get(NodeSignature.SIGNED_AT), headers.get(NodeSignature.SIGNATURE), digest));
    assertThrows(IllegalArgumentException.class, () -> signer.verify("POST", PATH, headers.get(NodeSignature.IDENTITY),
        "yesterday", headers.get(NodeSignature.SIGNATURE), digest));
    assertThrows(IllegalArgumentException.class, () -> signer.verify("POST", PATH, headers.get(NodeSignature.IDENTITY),
        headers.get(NodeSignature.SIGNED_AT), null, digest));
    assertThrows(IllegalArgumentException.class, () -> signer.verify("POST", PATH, headers.get(NodeSignature.IDENTITY),
        headers.get(NodeSignature.SIGNED_AT), headers.get(NodeSignature.SIGNATURE), null));
  }

  @Test
  void verify_theDigestIsSigned_soAnotherBodyNeedsAnotherSignature() {
    Map<String, String> headers = new HashMap<>(signer.headers("POST", PATH, ALICE, BODY));
    byte[] other = "{\"topics\":[\"other\"]}".getBytes(StandardCharsets.UTF_8);
    headers.put(NodeSignature.BODY_DIGEST, signer.headers("POST", PATH, ALICE, other).get(NodeSignature.BODY_DIGEST));

    assertThrows(IllegalArgumentException.class, () -> verify(signer, "POST", PATH, headers, other));
  }

  @Test
  void verifyBody_theSignedBodyPasses_anotherIsRefused() {
    String digest = signer.headers("POST", PATH, ALICE, BODY).get(NodeSignature.BODY_DIGEST);

    NodeSignature.verifyBody(digest, BODY.clone());
    assertThrows(IllegalArgumentException.class, () -> NodeSignature.verifyBody(digest, new byte[0]));
  }

  @Test
  void headers_neverCarryTheSecret() {
    signer.headers("POST", PATH, ALICE, BODY).values().forEach(value -> assertFalse(value.contains(SECRET)));
  }

  private static Identity verify(NodeSignature signature, String method, String path, Map<String, String> headers,
      byte[] body) {
    Identity identity = signature.verify(method, path, headers.get(NodeSignature.IDENTITY),
        headers.get(NodeSignature.SIGNED_AT), headers.get(NodeSignature.SIGNATURE),
        headers.get(NodeSignature.BODY_DIGEST));
    NodeSignature.verifyBody(headers.get(NodeSignature.BODY_DIGEST), body);
    return identity;
  }

  private static NodeSignature signature(String secret, Instant now) {
    return new NodeSignature(new Password(secret), Clock.fixed(now, ZoneOffset.UTC), new ObjectMapper());
  }
}
