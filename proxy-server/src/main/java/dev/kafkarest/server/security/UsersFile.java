package dev.kafkarest.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The two users-file formats HTTP Basic reads.
 *
 * <p><b>The proxy's format</b> ({@code authentication.basic.users.file}), UTF-8, one user per line:
 * <pre>
 * # comment
 * alice:$2y$10$...53 characters...,admin,producers
 * bob:$pbkdf2-sha256$600000$c2FsdA$aGFzaA
 * </pre>
 * The name ends at the first {@code :}; then comes a bcrypt hash ({@code $2a$}, {@code $2b$} or
 * {@code $2y$}, so {@code htpasswd -nbB} output works unchanged) or a PBKDF2 hash (see
 * {@link StoredPassword.Pbkdf2}), then optional comma-separated roles. Plain passwords are refused.
 *
 * <p><b>Jetty's property format</b> (the {@code file} of a JAAS {@code PropertyFileLoginModule}), read as
 * a Java properties file: {@code user: password[,role ...]} where the password is plain, {@code MD5:hex}
 * or {@code CRYPT:crypt}.
 *
 * <p>Errors name the file and the line or user, never the line's content, which may hold a password.
 */
final class UsersFile {
  private UsersFile() {}

  /**
   * {@return the users of a file in the proxy's format, by name}
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when a line is malformed or a user repeats
   */
  static Map<String, UserEntry> readHashed(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, UserEntry> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected user:hash[,role...]");
      }
      String name = line.substring(0, colon).strip();
      List<String> fields = split(line.substring(colon + 1));
      StoredPassword password;
      try {
        password = StoredPassword.parseHash(fields.get(0));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      add(users, new UserEntry(name, password, roles(fields)), file + " line " + (i + 1));
    }
    return users;
  }

  /**
   * {@return the users of a Jetty property file, by name}
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when a user's credential is malformed or unsupported
   */
  static Map<String, UserEntry> readJetty(Path file) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    Map<String, UserEntry> users = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames().stream().sorted().toList()) {
      List<String> fields = split(properties.getProperty(name));
      StoredPassword password;
      try {
        password = StoredPassword.parseJetty(fields.get(0));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " user '" + name.strip() + "': " + e.getMessage(), e);
      }
      add(users, new UserEntry(name.strip(), password, roles(fields)), file + " user '" + name.strip() + "'");
    }
    return users;
  }

  private static void add(Map<String, UserEntry> users, UserEntry user, String where) {
    if (user.name().isEmpty()) {
      throw new IllegalArgumentException(where + ": empty user name");
    }
    if (users.putIfAbsent(user.name(), user) != null) {
      throw new IllegalArgumentException(where + ": user '" + user.name() + "' appears twice");
    }
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.split(",", -1)).map(String::strip).toList();
  }

  private static Set<String> roles(List<String> fields) {
    Set<String> roles = new LinkedHashSet<>();
    fields.subList(1, fields.size()).stream().filter(role -> !role.isEmpty()).forEach(roles::add);
    return roles;
  }
}
