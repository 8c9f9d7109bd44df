package dev.kafkarest.server.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.kafkarest.server.config.InvalidConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys from a local file, read once at start-up: a JWKS document, or PEM blocks of
 * {@code PUBLIC KEY} (RSA or EC) or {@code CERTIFICATE}. PEM keys carry no key id and verify tokens
 * whatever their {@code kid}.
 */
final class LocalKeys implements VerificationKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final List<JWK> keys;

  LocalKeys(List<JWK> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * {@return the keys of a JWKS or PEM file}
   *
   * @throws InvalidConfigException when the file cannot be read or holds no usable key
   */
  static LocalKeys read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidConfigException("Cannot read the key file " + file + ": " + e, e);
    }
    List<JWK> keys;
    try {
      keys = text.stripLeading().startsWith("{") ? JWKSet.parse(text).getKeys() : pem(text);
    } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidConfigException("Invalid key file " + file + ": " + e.getMessage(), e);
    }
    if (keys.isEmpty()) {
      throw new InvalidConfigException("The key file " + file + " holds no key");
    }
    return new LocalKeys(keys);
  }

  @Override
  public List<JWK> current() {
    return keys;
  }

  @Override
  public List<JWK> refreshForUnknownKey() {
    return keys;
  }

  private static List<JWK> pem(String text) throws GeneralSecurityException {
    List<JWK> keys = new ArrayList<>();
    Matcher block = PEM.matcher(text);
    while (block.find()) {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      PublicKey key = switch (block.group(1)) {
        case "PUBLIC KEY" -> publicKey(der);
        case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        default -> throw new IllegalArgumentException("unsupported PEM block " + block.group(1)
            + "; use PUBLIC KEY or CERTIFICATE");
      };
      keys.add(jwk(key));
    }
    return keys;
  }

  private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (GeneralSecurityException notRsa) {
      return KeyFactory.getInstance("EC").generatePublic(spec);
    }
  }

  private static JWK jwk(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    if (key instanceof ECPublicKey ec && Curve.forECParameterSpec(ec.getParams()) != null) {
      return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    }
    throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
  }
}
