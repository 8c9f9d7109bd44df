package dev.kafkarest.core.access;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AccessRules} of a file, reloaded when the file changes.
 *
 * <p>No thread watches the file: a decision at least {@code checkInterval} after the previous check looks
 * at the file's modification time and size (one request does, the others meanwhile use the current
 * rules), and reads the file again when either changed. A file that is missing, unreadable or has a bad
 * line on reload leaves the last good rules in force and logs one warning per change. A file that changes
 * while it is read is read again at the next check; replace the file atomically (write a copy, then
 * rename it) so that a half-written file is never seen.
 */
public final class RuleFilePolicy implements AccessPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RuleFilePolicy.class);
  private static final Stamp UNREADABLE = new Stamp(-1, -1);

  private final Path file;
  private final long intervalNanos;
  private final Ticker ticker;
  private final AtomicLong nextCheck;
  private volatile AccessRules rules;
  /** The file as last seen by a check, whether its rules were taken or not; guarded by {@code this}. */
  private Stamp seen;

  private RuleFilePolicy(Path file, Duration checkInterval, Ticker ticker, AccessRules rules, Stamp seen) {
    this.file = file;
    this.intervalNanos = checkInterval.toNanos();
    this.ticker = ticker;
    this.nextCheck = new AtomicLong(ticker.read() + intervalNanos);
    this.rules = rules;
    this.seen = seen;
  }

  /**
   * Loads the rules of {@code file}, to be checked for changes at most once per {@code checkInterval} of
   * {@code ticker} time.
   *
   * @throws AccessRulesException when the file cannot be read or a line is not a rule; the message names
   *     the file and the line
   */
  public static RuleFilePolicy load(Path file, Duration checkInterval, Ticker ticker) {
    if (checkInterval.isNegative()) {
      throw new IllegalArgumentException("checkInterval must not be negative: " + checkInterval);
    }
    Stamp stamp;
    try {
      stamp = Stamp.of(file);
    } catch (IOException e) {
      throw new AccessRulesException(file.toString(), 0,
          "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
    AccessRules rules = AccessRules.load(file);
    LOG.info("Loaded {} access rules from {}", rules.size(), file);
    return new RuleFilePolicy(file, checkInterval, ticker, rules, stamp);
  }

  @Override
  public boolean permits(Identity identity, Operation operation, ResourceType type, String name) {
    return rules().permits(identity, operation, type, name);
  }

  @Override
  public boolean permitsEvery(Identity identity, Operation operation, ResourceType type) {
    return rules().permitsEvery(identity, operation, type);
  }

  /** {@return the rules in force, after reloading them if it is time to check and the file changed} */
  AccessRules rules() {
    long now = ticker.read();
    long next = nextCheck.get();
    if (now - next >= 0 && nextCheck.compareAndSet(next, now + intervalNanos)) {
      synchronized (this) {
        reloadIfChanged();
      }
    }
    return rules;
  }

  private void reloadIfChanged() {
    Stamp before;
    try {
      before = Stamp.of(file);
    } catch (IOException e) {
      if (!seen.equals(UNREADABLE)) {
        seen = UNREADABLE;
        LOG.warn("Keeping the previous access rules: access rules file {} cannot be read ({})", file,
            e.getClass().getSimpleName());
      }
      return;
    }
    if (before.equals(seen)) {
      return;
    }
    AccessRules loaded;
    try {
      loaded = AccessRules.load(file);
    } catch (AccessRulesException e) {
      seen = before;
      LOG.warn("Keeping the previous access rules: {}", e.getMessage());
      return;
    }
    try {
      if (!Stamp.of(file).equals(before)) {
        return; // changed while being read: read it again at the next check
      }
    } catch (IOException e) {
      return;
    }
    seen = before;
    rules = loaded;
    LOG.info("Reloaded {} access rules from {}", loaded.size(), file);
  }

  /** What tells one version of the file from another without reading it. */
  private record Stamp(long modifiedNanos, long size) {
    static Stamp of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
          attributes.size());
    }
  }
}
