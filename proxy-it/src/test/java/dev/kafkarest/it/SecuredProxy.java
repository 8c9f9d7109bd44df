package dev.kafkarest.it;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.security.StoredPassword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A proxy of its own with HTTP Basic authentication (a users file written here, bcrypt hashes made in
 * process) and, when rules are given, authorization on a rules file in {@code dir}. {@link #as} gives a
 * client that signs in as one user; each user's password is {@code <user>-password}.
 */
final class SecuredProxy implements AutoCloseable {
  private final ProxyServer server;
  private final Path rulesFile;

  private SecuredProxy(ProxyServer server, Path rulesFile) {
    this.server = server;
    this.rulesFile = rulesFile;
  }

  /**
   * Starts a proxy with these users and rules ({@code overrides} can turn authorization off again). The
   * rules file is checked for changes on every request, so {@link #replaceRules} takes effect at once.
   */
  static SecuredProxy start(String bootstrapServers, Path dir, List<String> users, List<String> rules,
      Map<String, String> overrides) {
    try {
      List<String> lines = new ArrayList<>();
      for (String user : users) {
        lines.add(user + ":" + StoredPassword.Bcrypt.hash(password(user), 4).hash());
      }
      Path usersFile = Files.write(dir.resolve("users"), lines);
      Path rulesFile = Files.write(dir.resolve("access.rules"), rules);
      Map<String, String> settings = new HashMap<>();
      settings.put("authentication.method", "BASIC");
      settings.put("authentication.basic.users.file", usersFile.toString());
      settings.put("authorization.enabled", "true");
      settings.put("authorization.rules.file", rulesFile.toString());
      settings.put("authorization.rules.check.interval.ms", "0");
      settings.putAll(overrides);
      return new SecuredProxy(ProxyExtension.startProxy(bootstrapServers, settings), rulesFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return a client signed in as {@code user}} */
  ProxyClient as(String user) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .authenticator(new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(user, password(user).toCharArray());
          }
        })
        .build();
    return new ProxyClient(server.baseUri(), http, ProxyClient.REQUEST_TIMEOUT);
  }

  /** Replaces the rules file atomically (a new file moved over the old one), as docs/security.md advises. */
  void replaceRules(List<String> rules) {
    try {
      Path next = Files.write(rulesFile.resolveSibling("access.rules.next"), rules);
      Files.move(next, rulesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  private static String password(String user) {
    return user + "-password";
  }
}
