package dev.kafkarest.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Reads PEM files into in-memory key stores: a PKCS#8 private key (plain, or encrypted with a password)
 * followed by its certificate chain, or a list of trusted certificates. Uses the JDK only.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----", Pattern.DOTALL);
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "DSA");

  private PemFiles() {}

  /** {@return a key store holding the file's private key and chain under alias {@code key}} */
  static KeyStore keyStore(Path file, char[] storePassword, @Nullable String keyPassword)
      throws IOException, GeneralSecurityException {
    PrivateKey key = null;
    List<Certificate> chain = new ArrayList<>();
    for (Block block : blocks(file)) {
      switch (block.type()) {
        case "PRIVATE KEY" -> key = privateKey(new PKCS8EncodedKeySpec(block.der()));
        case "ENCRYPTED PRIVATE KEY" -> key = decrypt(block.der(), keyPassword);
        case "CERTIFICATE" -> chain.add(certificate(block.der()));
        default -> throw new GeneralSecurityException("unsupported PEM block " + block.type()
            + " (use PKCS#8: BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
      }
    }
    if (key == null || chain.isEmpty()) {
      throw new GeneralSecurityException("a PEM keystore needs a private key and its certificate chain");
    }
    KeyStore store = emptyStore();
    store.setKeyEntry("key", key, storePassword, chain.toArray(Certificate[]::new));
    return store;
  }

  /** {@return a key store holding every certificate of the file as a trusted entry} */
  static KeyStore trustStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = emptyStore();
    int index = 0;
    for (Block block : blocks(file)) {
      if (block.type().equals("CERTIFICATE")) {
        store.setCertificateEntry("ca-" + index++, certificate(block.der()));
      }
    }
    if (index == 0) {
      throw new GeneralSecurityException("no certificate in the PEM file");
    }
    return store;
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) throws IOException {
    Matcher matcher = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    List<Block> blocks = new ArrayList<>();
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
    }
    return blocks;
  }

  private static PrivateKey decrypt(byte[] der, @Nullable String password) throws IOException,
      GeneralSecurityException {
    if (password == null) {
      throw new GeneralSecurityException("the private key is encrypted but no password is set");
    }
    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
    // For PBES2 (OpenSSL's default) the parameters name the real scheme, e.g. PBEWithHmacSHA256AndAES_256.
    AlgorithmParameters parameters = info.getAlgParameters();
    String algorithm = parameters == null ? info.getAlgName() : parameters.toString();
    Cipher cipher = Cipher.getInstance(algorithm);
    cipher.init(Cipher.DECRYPT_MODE,
        SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray())), parameters);
    return privateKey(info.getKeySpec(cipher));
  }

  private static PrivateKey privateKey(PKCS8EncodedKeySpec spec) throws GeneralSecurityException {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException notThisAlgorithm) {
        // try the next one
      }
    }
    throw new GeneralSecurityException("the private key is not RSA, EC, Ed25519 or DSA");
  }

  private static Certificate certificate(byte[] der) throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
