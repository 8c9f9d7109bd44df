package dev.kafkarest.server.nodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.access.Identity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/**
 * Signs and checks the caller's identity on a forwarded call, with the secret all nodes share.
 *
 * <p>The forwarding node has authenticated the caller; the owner trusts the identity it receives only
 * with a valid signature, an HMAC-SHA256 over the time, the method, the raw path and query, the identity
 * and the SHA-256 digest of the body, so a client cannot forge or alter a forwarded call, and a captured one is
 * refused after {@link #MAX_AGE}. The digest travels in a header of its own, so the owner checks the signature
 * before it reads the body ({@link #verify}), and the body against the digest after ({@link #verifyBody}). The
 * headers never carry the secret or the client's credentials.
 */
final class NodeSignature {
  static final String IDENTITY = "Kafka-Rest-Forwarded-Identity";
  static final String SIGNATURE = "Kafka-Rest-Forwarded-Signature";
  static final String SIGNED_AT = "Kafka-Rest-Forwarded-At";
  static final String FORWARDED_BY = "Kafka-Rest-Forwarded-By";
  static final String BODY_DIGEST = "Kafka-Rest-Forwarded-Body-Digest";
  /** How far apart the two nodes' clocks and the call's transit may put the signing time. */
  static final Duration MAX_AGE = Duration.ofSeconds(60);
  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;
  private final ObjectMapper json;

  NodeSignature(Password secret, Clock clock, ObjectMapper json) {
    this.key = new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), HMAC);
    this.clock = clock;
    this.json = json;
  }

  /** {@return the headers that carry {@code identity} on a forwarded call} */
  Map<String, String> headers(String method, String pathAndQuery, Identity identity, byte[] body) {
    String encoded = encode(identity);
    String at = Long.toString(clock.millis());
    String digest = digest(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(IDENTITY, encoded);
    headers.put(SIGNED_AT, at);
    headers.put(BODY_DIGEST, digest);
    headers.put(SIGNATURE, sign(at, method, pathAndQuery, encoded, digest));
    return headers;
  }

  /**
   * {@return the identity a forwarded call carries}, from its headers alone; check its body with {@link #verifyBody}
   *
   * @param digest the signed digest of the body ({@link #BODY_DIGEST})
   * @throws IllegalArgumentException with a reason fit for a log line when a header is missing or malformed,
   *     the signature does not match, or it is too old
   */
  Identity verify(String method, String pathAndQuery, @Nullable String identity, @Nullable String at,
      @Nullable String signature, @Nullable String digest) {
    if (identity == null || at == null || signature == null || digest == null) {
      throw new IllegalArgumentException("incomplete forwarding headers");
    }
    long signedAt;
    try {
      signedAt = Long.parseLong(at);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed signing time");
    }
    if (Math.abs(clock.millis() - signedAt) > MAX_AGE.toMillis()) {
      throw new IllegalArgumentException("signature older than " + MAX_AGE.toSeconds() + " s (or clocks apart)");
    }
    byte[] expected = sign(at, method, pathAndQuery, identity, digest).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("signature does not match (different nodes.secret?)");
    }
    return decode(identity);
  }

  /**
   * Checks a verified call's body against its signed digest.
   *
   * @throws IllegalArgumentException when the body is not the one the forwarding node signed
   */
  static void verifyBody(String digest, byte[] body) {
    if (!MessageDigest.isEqual(digest(body).getBytes(StandardCharsets.US_ASCII),
        digest.getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("body does not match its signed digest");
    }
  }

  private static String digest(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private String sign(String at, String method, String pathAndQuery, String identity, String digest) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      String signed = String.join("\n", at, method, pathAndQuery, identity, digest);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private String encode(Identity identity) {
    try {
      byte[] bytes = json.writeValueAsBytes(new WireIdentity(identity.name(), identity.groups(), identity.authenticated()));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Identity decode(String encoded) {
    try {
      WireIdentity wire = json.readValue(Base64.getUrlDecoder().decode(encoded), WireIdentity.class);
      return new Identity(wire.name(), wire.groups(), wire.authenticated());
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("malformed identity");
    }
  }

  /** The identity's JSON form in {@link #IDENTITY}, base64url-encoded. */
  record WireIdentity(String name, Set<String> groups, boolean authenticated) {}
}
