package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredPasswordTest {
  /** Written by libxcrypt (perl's crypt) for "secret": independent of the library the proxy uses. */
  private static final String BCRYPT_SECRET_TAIL = "$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a";

  @ParameterizedTest
  @ValueSource(strings = {"$2a", "$2b", "$2y"})
  void bcrypt_hashFromAnotherImplementation_matchesOnlyItsPassword(String version) {
    StoredPassword password = StoredPassword.parseHash(version + BCRYPT_SECRET_TAIL);

    assertTrue(password.matches("secret"));
    assertFalse(password.matches("Secret"));
    assertFalse(password.matches(""));
  }

  @Test
  void bcrypt_passwordLongerThan72Bytes_isCutThereLikeEveryBcrypt() {
    String long72 = "x".repeat(72);
    StoredPassword password = StoredPassword.Bcrypt.hash(long72 + "tail", 4);

    assertTrue(password.matches(long72 + "other tail"));
    assertFalse(password.matches("x".repeat(71)));
  }

  @Test
  void bcrypt_newHash_isHtpasswdStyle2y() {
    StoredPassword.Bcrypt hash = StoredPassword.Bcrypt.hash("pw", 4);

    assertTrue(hash.hash().startsWith("$2y$04$"));
    assertTrue(hash.matches("pw"));
    assertFalse(hash.toString().contains(hash.hash()));
  }

  @Test
  void pbkdf2_encodedForm_parsesBackAndMatches() {
    StoredPassword.Pbkdf2 hash = StoredPassword.Pbkdf2.hash("pässword", 1_000);

    StoredPassword parsed = StoredPassword.parseHash(hash.encoded());

    assertEquals(hash, parsed);
    assertTrue(parsed.matches("pässword"));
    assertFalse(parsed.matches("password"));
  }

  @Test
  void pbkdf2_hashFromPythonHashlib_matches() {
    // hashlib.pbkdf2_hmac('sha256', b'orders-secret', salt, 600000, 32), as in docs/security.md
    StoredPassword password = StoredPassword.parseHash(
        "$pbkdf2-sha256$600000$jx6TEaBcfSJLbgGZ0zpfcA$IxU8m0r/D6N/rDjKgS1SMt28tELGyl2/0fNz+T/RcJI");

    assertTrue(password.matches("orders-secret"));
    assertFalse(password.matches("orders-secreT"));
  }

  @Test
  void parseHash_plainPassword_isRefusedWithoutRepeatingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoredPassword.parseHash("hunter2"));

    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void parseJetty_plain_matchesOnlyItself() {
    StoredPassword password = StoredPassword.parseJetty("secret");

    assertInstanceOf(StoredPassword.Plain.class, password);
    assertTrue(password.matches("secret"));
    assertFalse(password.matches("secret "));
  }

  @Test
  void parseJetty_md5_matchesThePasswordOfTheDigest() {
    // printf secret | md5sum
    StoredPassword password = StoredPassword.parseJetty("MD5:5ebe2294ecd0e0f08eab7690d2a6ee69");

    assertTrue(password.matches("secret"));
    assertFalse(password.matches("secreT"));
    assertTrue(StoredPassword.parseJetty("MD5:5EBE2294ECD0E0F08EAB7690D2A6EE69").matches("secret"));
  }

  @Test
  void parseJetty_crypt_matchesUnixDesCrypt() {
    // perl -e 'print crypt("secret","ab")'
    StoredPassword password = StoredPassword.parseJetty("CRYPT:abNANd1rDfiNc");

    assertTrue(password.matches("secret"));
    assertFalse(password.matches("secrets!"));
    assertFalse(password.matches("Secret"));
  }

  @Test
  void parseJetty_cryptComparesEightCharactersOnly_asDesCryptDoes() {
    // perl -e 'print crypt("password","ab")'
    StoredPassword password = StoredPassword.parseJetty("CRYPT:abJnggxhB/yWI");

    assertTrue(password.matches("password"));
    assertTrue(password.matches("password-and-more"));
  }

  @Test
  void parseJetty_obfuscatedOrMalformed_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> StoredPassword.parseJetty("OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v"));
    assertThrows(IllegalArgumentException.class, () -> StoredPassword.parseJetty("MD5:abc"));
    assertThrows(IllegalArgumentException.class, () -> StoredPassword.parseJetty("CRYPT:short"));
  }
}
