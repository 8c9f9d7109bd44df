package dev.kafkarest.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Keys and signed tokens for bearer tests. */
final class TestTokens {
  static final String ISSUER = "https://login.example/tenant";
  static final String AUDIENCE = "kafka-rest";

  /** Keys made once per test run: RSA key generation is slow. */
  static final RSAKey RSA_1 = rsaKey("rsa-1");
  static final RSAKey RSA_1_IMPOSTOR = rsaKey("rsa-1");
  static final RSAKey RSA_2 = rsaKey("rsa-2");

  private TestTokens() {}

  static RSAKey rsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static ECKey ecKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return standard claims: subject, issuer, audience, groups, valid from a minute before to an hour after now} */
  static JWTClaimsSet.Builder claims(Instant now) {
    return new JWTClaimsSet.Builder()
        .subject("svc-orders")
        .issuer(ISSUER)
        .audience(List.of(AUDIENCE))
        .claim("groups", List.of("kafka-writers", "everyone"))
        .issueTime(Date.from(now.minusSeconds(60)))
        .notBeforeTime(Date.from(now.minusSeconds(60)))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
    try {
      JWSSigner signer = switch (key.getKeyType().getValue()) {
        case "RSA" -> new RSASSASigner((RSAKey) key);
        case "EC" -> new ECDSASigner((ECKey) key);
        default -> new MACSigner((OctetSequenceKey) key);
      };
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
          .build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(RSAKey key, JWTClaimsSet claims) {
    return sign(key, JWSAlgorithm.RS256, claims);
  }
}
