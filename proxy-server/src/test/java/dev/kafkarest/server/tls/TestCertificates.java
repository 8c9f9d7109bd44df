package dev.kafkarest.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Keys and certificates made at test time, in process: a certificate authority, a server certificate for
 * {@code localhost}/{@code 127.0.0.1} signed by it, client certificates signed by it or by a second,
 * untrusted authority. Keystores are PKCS12 files protected by {@link #PASSWORD}.
 */
public final class TestCertificates {
  public static final String PASSWORD = "changeit-test";

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final Issuer authority;
  private @Nullable Issuer rogue;

  private record Issuer(KeyPair keys, X509Certificate certificate) {}

  private TestCertificates(Path dir, Issuer authority) {
    this.dir = dir;
    this.authority = authority;
  }

  /** Creates the authority, the server keystore and a truststore holding the authority, in {@code dir}. */
  public static TestCertificates create(Path dir) {
    TestCertificates certs = new TestCertificates(dir, selfSigned("CN=Test authority"));
    certs.writeKeystore("server", certs.authority, "CN=localhost,OU=proxy", true);
    certs.writeTruststore(certs.authority.certificate());
    certs.writePem(certs.authorityPem(), certs.authority.certificate());
    return certs;
  }

  /** {@return the server's keystore (key and chain under alias {@code server})} */
  public Path serverKeystore() {
    return dir.resolve("server.p12");
  }

  /** {@return a PKCS12 truststore holding the test authority} */
  public Path truststore() {
    return dir.resolve("truststore.p12");
  }

  /** {@return the test authority's certificate in PEM} */
  public Path authorityPem() {
    return dir.resolve("ca.pem");
  }

  /** Creates (once) a client keystore for {@code subject}, signed by the trusted authority. */
  public Path client(String name, String subject) {
    Path keystore = dir.resolve(name + ".p12");
    if (!Files.exists(keystore)) {
      writeKeystore(name, authority, subject, false);
    }
    return keystore;
  }

  /** Creates (once) a client keystore signed by an authority the server does not trust. */
  public Path untrustedClient(String name, String subject) {
    Path keystore = dir.resolve(name + ".p12");
    if (!Files.exists(keystore)) {
      if (rogue == null) {
        rogue = selfSigned("CN=Rogue authority");
      }
      writeKeystore(name, rogue, subject, false);
    }
    return keystore;
  }

  /**
   * Writes a PEM keystore for {@code subject} signed by the trusted authority: a PKCS#8 private key
   * (encrypted with {@code keyPassword} when given) followed by the certificate chain.
   */
  public Path pemKeystore(String name, String subject, @Nullable String keyPassword) {
    KeyPair keys = newKeyPair();
    X509Certificate certificate = sign(authority, subject, keys, true);
    Path file = dir.resolve(name + ".pem");
    try (JcaPEMWriter out = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
      OutputEncryptor encryptor = keyPassword == null ? null
          : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
              .setPassword(keyPassword.toCharArray()).build();
      out.writeObject(new JcaPKCS8Generator(keys.getPrivate(), encryptor));
      out.writeObject(certificate);
      out.writeObject(authority.certificate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  /** {@return an SSL context that trusts the test authority and presents {@code clientKeystore}, if any} */
  public SSLContext sslContext(@Nullable Path clientKeystore) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(truststore()));
      KeyManagerFactory keys = null;
      if (clientKeystore != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(clientKeystore), PASSWORD.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build a test SSL context", e);
    }
  }

  private void writeKeystore(String name, Issuer issuer, String subject, boolean server) {
    KeyPair keys = newKeyPair();
    X509Certificate certificate = sign(issuer, subject, keys, server);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(name, keys.getPrivate(), PASSWORD.toCharArray(),
          new Certificate[] {certificate, issuer.certificate()});
      save(store, dir.resolve(name + ".p12"));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot write keystore " + name, e);
    }
  }

  private void writeTruststore(X509Certificate trusted) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", trusted);
      save(store, truststore());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot write truststore", e);
    }
  }

  private void writePem(Path path, X509Certificate certificate) {
    try (Writer out = Files.newBufferedWriter(path, StandardCharsets.US_ASCII)) {
      out.write("-----BEGIN CERTIFICATE-----\n");
      out.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()));
      out.write("\n-----END CERTIFICATE-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void save(KeyStore store, Path path) throws GeneralSecurityException, IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      store.store(out, PASSWORD.toCharArray());
    }
  }

  private static KeyStore load(Path path) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(path)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static Issuer selfSigned(String subject) {
    KeyPair keys = newKeyPair();
    X500Name name = x500(subject);
    try {
      X509v3CertificateBuilder builder = builder(name, name, keys)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      return new Issuer(keys, convert(builder, keys));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509Certificate sign(Issuer issuer, String subject, KeyPair keys, boolean server) {
    try {
      X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder builder = builder(issuerName, x500(subject), keys)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      if (server) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      }
      return convert(builder, issuer.keys());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses an RFC 2253 name as the JDK does, so that a certificate's subject reads back as written. */
  private static X500Name x500(String subject) {
    return X500Name.getInstance(new X500Principal(subject).getEncoded());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
  }

  private static X509Certificate convert(X509v3CertificateBuilder builder, KeyPair signer) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot sign a test certificate", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
