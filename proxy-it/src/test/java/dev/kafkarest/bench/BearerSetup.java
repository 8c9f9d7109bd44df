package dev.kafkarest.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local identity provider for the bearer cell: an RSA key pair made for this run, its public half in a
 * JWKS file for the proxy ({@code authentication.bearer.jwks.file}), and one signed access token that every
 * request of the cell carries. The private key never leaves this JVM; the token is never printed.
 *
 * @param settings the proxy settings that turn bearer authentication on against the JWKS file
 * @param authorization the {@code Authorization} header value ({@code Bearer <token>})
 */
record BearerSetup(Map<String, String> settings, String authorization) {
  static final String ISSUER = "https://idp.bench.invalid/";
  static final String AUDIENCE = "kafka-rest-bench";
  static final String GROUP = "bench-producers";
  static final String PRINCIPAL = "bench-client";
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  /** Writes {@code <dir>/bench-jwks.json} and mints a token valid for {@link #TOKEN_LIFETIME} from now. */
  static BearerSetup create(Path dir) throws IOException, JOSEException {
    RSAKey key = new RSAKeyGenerator(2048).keyID("bench-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
        .generate();
    Path jwks = dir.resolve("bench-jwks.json");
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(PRINCIPAL)
        .claim("groups", List.of(GROUP))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("authentication.method", "BEARER");
    settings.put("authentication.bearer.jwks.file", jwks.toString());
    settings.put("authentication.bearer.issuer", ISSUER);
    settings.put("authentication.bearer.audience", AUDIENCE);
    settings.put("authentication.bearer.allowed.groups", GROUP);
    return new BearerSetup(Map.copyOf(settings), "Bearer " + jwt.serialize());
  }

  @Override
  public String toString() {
    return "BearerSetup[settings=" + settings + ", authorization=Bearer <redacted>]";
  }
}
