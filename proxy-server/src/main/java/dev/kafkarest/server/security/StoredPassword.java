package dev.kafkarest.server.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.commons.codec.digest.UnixCrypt;

/**
 * A password as a users file stores it, and the check of a presented password against it. Every
 * comparison takes the same time whatever the presented password.
 *
 * <p>The proxy's users file accepts {@link Bcrypt} ({@code $2a$}, {@code $2b$}, {@code $2y$}, as
 * {@code htpasswd -nbB} writes) and {@link Pbkdf2}; the Jetty files of Confluent's JAAS set-up also hold
 * {@link Plain}, {@link Md5} and {@link UnixDesCrypt} passwords.
 */
public interface StoredPassword {
  /** {@return true when the presented password is this one} */
  boolean matches(String password);

  /**
   * Parses a hash of the proxy's users file.
   *
   * @throws IllegalArgumentException when the text is neither a bcrypt nor a PBKDF2 hash; the message
   *     does not repeat the text
   */
  static StoredPassword parseHash(String text) {
    if (Bcrypt.FORMAT.matcher(text).matches()) {
      return new Bcrypt(text);
    }
    if (text.startsWith(Pbkdf2.PREFIX)) {
      return Pbkdf2.parse(text);
    }
    throw new IllegalArgumentException("not a bcrypt ($2a$, $2b$, $2y$) or " + Pbkdf2.PREFIX + " hash");
  }

  /**
   * Parses a credential of a Jetty property users file: {@code MD5:<hex>}, {@code CRYPT:<crypt>} or a
   * plain password.
   *
   * @throws IllegalArgumentException for an obfuscated ({@code OBF:}) password or a malformed digest
   */
  static StoredPassword parseJetty(String text) {
    if (text.startsWith("MD5:")) {
      return Md5.parse(text.substring("MD5:".length()));
    }
    if (text.startsWith("CRYPT:")) {
      return UnixDesCrypt.parse(text.substring("CRYPT:".length()));
    }
    if (text.startsWith("OBF:")) {
      throw new IllegalArgumentException("obfuscated (OBF:) passwords are not supported; use MD5: or CRYPT:");
    }
    return new Plain(text);
  }

  /** A bcrypt hash; passwords longer than 72 bytes are cut there, as every bcrypt does. */
  record Bcrypt(String hash) implements StoredPassword {
    static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final BCrypt.Verifyer VERIFYER =
        BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    public Bcrypt {
      Matcher matcher = FORMAT.matcher(hash);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not a bcrypt hash");
      }
      int cost = Integer.parseInt(matcher.group(1));
      if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
        throw new IllegalArgumentException("bcrypt cost " + cost + " out of range");
      }
    }

    /** {@return a new {@code $2y$} hash of the password with a random salt} */
    public static Bcrypt hash(String password, int cost) {
      return new Bcrypt(BCrypt.with(BCrypt.Version.VERSION_2Y, new SecureRandom(),
          LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y)).hashToString(cost, password.toCharArray()));
    }

    int cost() {
      return Integer.parseInt(hash.substring(4, 6));
    }

    @Override
    public boolean matches(String password) {
      if (password.isEmpty()) {
        VERIFYER.verify("\u0000".toCharArray(), hash);
        return false;
      }
      return VERIFYER.verify(password.toCharArray(), hash).verified;
    }


    @Override
    public String toString() {
      return "Bcrypt[cost=" + cost() + "]";
    }
  }

  /**
   * PBKDF2 with HMAC-SHA256 from the JDK, written
   * {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>} with salt and hash in unpadded Base64.
   */
  record Pbkdf2(int iterations, byte[] salt, byte[] hash) implements StoredPassword {
    static final String PREFIX = "$pbkdf2-sha256$";
    static final int DEFAULT_ITERATIONS = 600_000;

    public Pbkdf2 {
      if (iterations < 1_000 || salt.length < 8 || hash.length < 16) {
        throw new IllegalArgumentException("PBKDF2 needs at least 1000 iterations, 8 salt and 16 hash bytes");
      }
      salt = salt.clone();
      hash = hash.clone();
    }

    static Pbkdf2 parse(String text) {
      String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("a PBKDF2 hash is " + PREFIX + "<iterations>$<salt>$<hash>");
      }
      try {
        Base64.Decoder base64 = Base64.getDecoder();
        return new Pbkdf2(Integer.parseInt(parts[0]), base64.decode(parts[1]), base64.decode(parts[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("malformed PBKDF2 hash", e);
      }
    }

    /** {@return a new hash of the password with a random 16-byte salt} */
    public static Pbkdf2 hash(String password, int iterations) {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      return new Pbkdf2(iterations, salt, derive(password, salt, iterations, 32));
    }

    /** {@return the users-file form} */
    public String encoded() {
      Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
      return PREFIX + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    @Override
    public byte[] salt() {
      return salt.clone();
    }

    @Override
    public byte[] hash() {
      return hash.clone();
    }

    @Override
    public boolean matches(String password) {
      return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }


    private static byte[] derive(String password, byte[] salt, int iterations, int length) {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
      } finally {
        spec.clearPassword();
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Pbkdf2 that && iterations == that.iterations
          && MessageDigest.isEqual(salt, that.salt) && MessageDigest.isEqual(hash, that.hash);
    }

    @Override
    public int hashCode() {
      return iterations;
    }

    @Override
    public String toString() {
      return "Pbkdf2[iterations=" + iterations + "]";
    }
  }

  /** A password in clear text (Jetty files only); compared through SHA-256 digests. */
  record Plain(String password) implements StoredPassword {
    @Override
    public boolean matches(String candidate) {
      return MessageDigest.isEqual(sha256(password), sha256(candidate));
    }


    @Override
    public String toString() {
      return "Plain[]";
    }
  }

  /** Jetty's {@code MD5:} credential: the unsalted MD5 digest of the password, in hex. */
  record Md5(byte[] digest) implements StoredPassword {
    public Md5 {
      if (digest.length != 16) {
        throw new IllegalArgumentException("an MD5 digest is 32 hex digits");
      }
      digest = digest.clone();
    }

    static Md5 parse(String hex) {
      try {
        return new Md5(HexFormat.of().parseHex(hex.trim().toLowerCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("an MD5 digest is 32 hex digits", e);
      }
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public boolean matches(String password) {
      return MessageDigest.isEqual(digest, hashOf("MD5", password.getBytes(StandardCharsets.ISO_8859_1)));
    }


    @Override
    public boolean equals(Object other) {
      return other instanceof Md5 that && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
      return 0;
    }

    @Override
    public String toString() {
      return "Md5[]";
    }
  }

  /**
   * Jetty's {@code CRYPT:} credential: traditional Unix DES crypt, 13 characters whose first two are the
   * salt. Only the first 8 characters of a password count, so it is weak; migrate to bcrypt. As in Jetty,
   * passwords are taken as ISO-8859-1 here and in {@link Md5}.
   */
  record UnixDesCrypt(String crypt) implements StoredPassword {
    private static final Pattern FORMAT = Pattern.compile("[./A-Za-z0-9]{13}");

    public UnixDesCrypt {
      if (!FORMAT.matcher(crypt).matches()) {
        throw new IllegalArgumentException("a DES crypt is 13 characters of [./A-Za-z0-9]");
      }
    }

    static UnixDesCrypt parse(String text) {
      return new UnixDesCrypt(text.trim());
    }

    @Override
    public boolean matches(String password) {
      String computed = UnixCrypt.crypt(password.getBytes(StandardCharsets.ISO_8859_1), crypt.substring(0, 2));
      return MessageDigest.isEqual(crypt.getBytes(StandardCharsets.US_ASCII),
          computed.getBytes(StandardCharsets.US_ASCII));
    }


    @Override
    public String toString() {
      return "UnixDesCrypt[]";
    }
  }

  private static byte[] sha256(String text) {
    return hashOf("SHA-256", text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hashOf(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }
}
