package dev.kafkarest.server.security;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.server.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A users file held in memory and read again when it changes. Look-ups check the file's modification
 * time and size at most once per interval, on the calling thread (no watcher thread); a file that has
 * become unreadable or invalid keeps the previous users and is reported once per change.
 */
final class ReloadingUserStore implements UserStore {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingUserStore.class);
  private static final StoredPassword NO_USERS_DECOY =
      new StoredPassword.Bcrypt("$2y$10$Gd3J7qVb2dXf5sW1kLp9ZeZvNZU1prH4q2lhhNIWwCaZsmOVeN6vC");

  /** Reads a users file into users by name. */
  @FunctionalInterface
  interface Reader {
    Map<String, UserEntry> read(Path file) throws IOException;
  }

  private record Snapshot(Map<String, UserEntry> users, StoredPassword decoy, @Nullable FileTime modified, long size) {}

  private final Path file;
  private final Reader reader;
  private final long intervalNanos;
  private final Ticker ticker;
  private final AtomicLong nextCheck;
  private volatile Snapshot snapshot;
  private volatile @Nullable FileTime rejectedModified;

  /**
   * Reads the file once.
   *
   * @throws InvalidConfigException when the file cannot be read or is invalid
   */
  ReloadingUserStore(Path file, Reader reader, Duration interval, Ticker ticker) {
    this.file = file;
    this.reader = reader;
    this.intervalNanos = interval.toNanos();
    this.ticker = ticker;
    try {
      this.snapshot = load(attributes());
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidConfigException("Cannot read the users file: " + message(e), e);
    }
    this.nextCheck = new AtomicLong(ticker.read() + intervalNanos);
    LOG.info("Read {} users from {}", snapshot.users().size(), file);
  }

  @Override
  public @Nullable UserEntry find(String name) {
    maybeReload();
    return snapshot.users().get(name);
  }

  @Override
  public StoredPassword decoy() {
    return snapshot.decoy();
  }

  private void maybeReload() {
    long now = ticker.read();
    long next = nextCheck.get();
    if (now - next < 0 || !nextCheck.compareAndSet(next, now + intervalNanos)) {
      return;
    }
    Snapshot current = snapshot;
    BasicFileAttributes attributes;
    try {
      attributes = attributes();
    } catch (IOException e) {
      if (current.modified() != null) {
        LOG.warn("Cannot read the users file, keeping the {} users read before: {}", current.users().size(), message(e));
        snapshot = new Snapshot(current.users(), current.decoy(), null, -1);
      }
      return;
    }
    if (attributes.lastModifiedTime().equals(current.modified()) && attributes.size() == current.size()
        || attributes.lastModifiedTime().equals(rejectedModified)) {
      return;
    }
    try {
      snapshot = load(attributes);
      rejectedModified = null;
      LOG.info("Reloaded {} users from {}", snapshot.users().size(), file);
    } catch (IOException | IllegalArgumentException e) {
      rejectedModified = attributes.lastModifiedTime();
      LOG.warn("Cannot reload the users file, keeping the {} users read before: {}", current.users().size(), message(e));
    }
  }

  private BasicFileAttributes attributes() throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class);
  }

  private Snapshot load(BasicFileAttributes attributes) throws IOException {
    Map<String, UserEntry> users = reader.read(file);
    // Unknown users are checked against the first user's password, so they cost the same.
    StoredPassword decoy = users.values().stream().findFirst().map(UserEntry::password).orElse(NO_USERS_DECOY);
    return new Snapshot(Map.copyOf(users), decoy, attributes.lastModifiedTime(), attributes.size());
  }

  private String message(Exception e) {
    return e instanceof IOException ? file + ": " + e : e.getMessage();
  }
}
