package dev.kafkarest.server.security;

import static dev.kafkarest.server.security.TestTokens.RSA_1;
import static dev.kafkarest.server.security.TestTokens.claims;
import static dev.kafkarest.server.security.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import dev.kafkarest.server.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {
  @TempDir
  Path dir;

  private final FakeTime time = new FakeTime();

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private BearerAuthenticator authenticator(Path keyFile) {
    return new BearerAuthenticator(AuthenticationSettings.parse(Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.file", keyFile.toString(),
        "authentication.bearer.issuer", TestTokens.ISSUER,
        "authentication.bearer.audience", TestTokens.AUDIENCE,
        "authentication.bearer.allowed.groups", "*")).bearer(), LocalKeys.read(keyFile), time.clock(), time);
  }

  @Test
  void read_pemPublicKeys_verifyTokensWhateverTheirKid() throws Exception {
    ECKey ec = TestTokens.ecKey("ec-1");
    Path file = Files.writeString(dir.resolve("keys.pem"), pem(RSA_1.toRSAPublicKey()) + pem(ec.toECPublicKey()));

    BearerAuthenticator authenticator = authenticator(file);

    assertEquals("svc-orders", authenticator.authenticate(Credentials.header("Bearer " + sign(RSA_1, claims(time.now()).build()))).name());
    assertEquals("svc-orders", authenticator.authenticate(Credentials.header("Bearer "
        + sign(ec, JWSAlgorithm.ES256, claims(time.now()).build()))).name());
  }

  @Test
  void read_jwksDocument_keepsKeyIds() throws Exception {
    Path file = Files.writeString(dir.resolve("keys.json"), new JWKSet(RSA_1.toPublicJWK()).toString());

    assertEquals("rsa-1", LocalKeys.read(file).current().get(0).getKeyID());
  }

  @Test
  void read_pemCertificate_givesItsPublicKey() throws Exception {
    Path file = dir.resolve("cert.pem");
    try (var in = LocalKeysTest.class.getResourceAsStream("/security/client-alice.pem")) {
      Files.write(file, in.readAllBytes());
    }

    assertEquals(KeyType.RSA, LocalKeys.read(file).current().get(0).getKeyType());
  }

  @Test
  void read_missingEmptyOrPrivateKeyFile_fails() throws Exception {
    assertThrows(InvalidConfigException.class, () -> LocalKeys.read(dir.resolve("absent")));
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here");
    assertThrows(InvalidConfigException.class, () -> LocalKeys.read(empty));
    Path privateKey = Files.writeString(dir.resolve("private.pem"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThrows(InvalidConfigException.class, () -> LocalKeys.read(privateKey));
  }
}
