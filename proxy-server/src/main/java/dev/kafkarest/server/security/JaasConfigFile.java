package dev.kafkarest.server.security;

import dev.kafkarest.server.config.InvalidConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.URIParameter;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * Confluent's JAAS set-up for HTTP Basic: the file named by {@code -Djava.security.auth.login.config},
 * whose entry named by {@code authentication.realm} uses Jetty's {@code PropertyFileLoginModule}:
 * <pre>
 * KafkaRest {
 *   org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required
 *   file="/etc/kafka-rest/password.properties";
 * };
 * </pre>
 * The file is parsed by the JDK's own JAAS parser ({@code ${...}} system properties are expanded); only
 * the {@code file} option is used. Other login modules are refused at start-up.
 */
final class JaasConfigFile {
  /** The system property that names the JAAS file, as Confluent's launcher sets it. */
  static final String SYSTEM_PROPERTY = "java.security.auth.login.config";

  private static final Set<String> PROPERTY_FILE_MODULES = Set.of(
      "org.eclipse.jetty.jaas.spi.PropertyFileLoginModule",
      "org.eclipse.jetty.plus.jaas.spi.PropertyFileLoginModule");

  private JaasConfigFile() {}

  /**
   * {@return the JAAS file a system property value names} The value may be a path or a URL, and may
   * start with {@code =} (the JDK's "replace" form).
   */
  static Path path(String propertyValue) {
    String value = propertyValue.startsWith("=") ? propertyValue.substring(1) : propertyValue;
    return value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
  }

  /**
   * {@return the users file of the entry}
   *
   * @throws InvalidConfigException when the file cannot be parsed, has no such entry, or the entry
   *     names no property-file login module or no {@code file}
   */
  static Path usersFile(Path jaasFile, String entryName) {
    Configuration configuration;
    try {
      configuration = Configuration.getInstance("JavaLoginConfig", new URIParameter(jaasFile.toUri()));
    } catch (NoSuchAlgorithmException | SecurityException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new InvalidConfigException("Cannot read the JAAS file " + jaasFile + ": " + cause.getMessage(), e);
    }
    AppConfigurationEntry[] entries = configuration.getAppConfigurationEntry(entryName);
    if (entries == null || entries.length == 0) {
      throw new InvalidConfigException("The JAAS file " + jaasFile + " has no entry '" + entryName
          + "' (the entry name is authentication.realm)");
    }
    AppConfigurationEntry entry = Arrays.stream(entries)
        .filter(candidate -> PROPERTY_FILE_MODULES.contains(candidate.getLoginModuleName()))
        .findFirst()
        .orElseThrow(() -> new InvalidConfigException("The JAAS entry '" + entryName + "' in " + jaasFile
            + " uses " + Arrays.stream(entries).map(AppConfigurationEntry::getLoginModuleName)
                .collect(Collectors.joining(", "))
            + "; only org.eclipse.jetty.jaas.spi.PropertyFileLoginModule is supported"));
    Object file = entry.getOptions().get("file");
    if (!(file instanceof String name) || name.isBlank()) {
      throw new InvalidConfigException("The JAAS entry '" + entryName + "' in " + jaasFile + " has no file option");
    }
    return name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
  }
}
