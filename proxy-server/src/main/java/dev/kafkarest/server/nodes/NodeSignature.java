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
 * and a digest of the body, so a client cannot forge or alter a forwarded call, and a captured one is
 * refused after {@link #MAX_AGE}. The headers never carry the secret or the client's credentials.
 */
final class NodeSignature {
  static final String IDENTITY = "Kafka-Rest-Forwarded-Identity";
  static final String SIGNATURE = "Kafka-Rest-Forwarded-Signature";
  static final String SIGNED_AT = "Kafka-Rest-Forwarded-At";
  static final String FORWARDED_BY = "Kafka-Rest-Forwarded-By";
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
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(IDENTITY, encoded);
    headers.put(SIGNED_AT, at);
    headers.put(SIGNATURE, sign(at, method, pathAndQuery, encoded, body));
    return headers;
  }

  /**
   * {@return the identity a forwarded call carries}
   *
   * @throws IllegalArgumentException with a reason fit for a log line when a header is missing or malformed,
   *     the signature does not match, or it is too old
   */
  Identity verify(String method, String pathAndQuery, @Nullable String identity, @Nullable String at,
      @Nullable String signature, byte[] body) {
    if (identity == null || at == null || signature == null) {
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
    byte[] expected = sign(at, method, pathAndQuery, identity, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("signature does not match (different nodes.secret?)");
    }
    return decode(identity);
  }

  private String sign(String at, String method, String pathAndQuery, String identity, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
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
