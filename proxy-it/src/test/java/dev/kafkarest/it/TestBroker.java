package dev.kafkarest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The Kafka broker the tests of one JVM share: where it is, what kind it is, and how to stop it.
 * Closing stops a broker the tests started (container or embedded) and deletes its data; an external
 * broker is left alone.
 */
public final class TestBroker implements AutoCloseable {

  /** Where the broker comes from. */
  public enum Kind { EXTERNAL, DOCKER, EMBEDDED }

  private final String bootstrapServers;
  private final Kind kind;
  private final @Nullable AutoCloseable owned;
  private final @Nullable Path dataDir;

  TestBroker(String bootstrapServers, Kind kind, @Nullable AutoCloseable owned, @Nullable Path dataDir) {
    this.bootstrapServers = bootstrapServers;
    this.kind = kind;
    this.owned = owned;
    this.dataDir = dataDir;
  }

  /** {@return the broker's {@code bootstrap.servers}} */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public void close() {
    try {
      if (owned != null) {
        owned.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the " + this, e);
    } finally {
      if (dataDir != null) {
        deleteRecursively(dataDir);
      }
    }
  }

  @Override
  public String toString() {
    return kind + " broker at " + bootstrapServers;
  }

  /** Deletes a folder and everything below it; a folder that is already gone is fine. */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }
}
