package dev.kafkarest.server.security;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a JWKS URL. They are fetched on first use, then again when older than the refresh interval
 * or when a token names an unknown key id, but never more often than the minimum refresh interval. A
 * fetch runs on the request thread, one at a time, bounded by the connect and read timeouts and by
 * {@value #MAX_BYTES} bytes; while one runs for a periodic refresh, other requests use the keys they
 * have. When the provider is down, the last keys fetched stay in use.
 */
final class RemoteJwks implements VerificationKeys {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
  static final int MAX_BYTES = 1024 * 1024;

  private final URI url;
  /** The URL as logs and messages show it: without user information or query, which may carry credentials. */
  private final String shownUrl;
  private final int connectTimeoutMs;
  private final int readTimeoutMs;
  private final long refreshNanos;
  private final long minRefreshNanos;
  private final Ticker ticker;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable List<JWK> keys;
  private volatile long fetchedAt;
  /** Guarded by {@link #lock}. */
  private long attemptedAt;
  /** Guarded by {@link #lock}. */
  private boolean attempted;

  RemoteJwks(URI url, Duration connectTimeout, Duration readTimeout, Duration refresh, Duration minRefresh,
      Ticker ticker) {
    this.url = url;
    this.shownUrl = shown(url);
    this.connectTimeoutMs = Math.toIntExact(connectTimeout.toMillis());
    this.readTimeoutMs = Math.toIntExact(readTimeout.toMillis());
    this.refreshNanos = refresh.toNanos();
    this.minRefreshNanos = minRefresh.toNanos();
    this.ticker = ticker;
  }

  @Override
  public List<JWK> current() throws KeysUnavailableException {
    List<JWK> known = keys;
    if (known != null && ticker.read() - fetchedAt < refreshNanos) {
      return known;
    }
    return refreshUnlessFetching(known);
  }

  @Override
  public List<JWK> refreshForUnknownKey() throws KeysUnavailableException {
    return refreshUnlessFetching(keys);
  }

  /**
   * Refreshes, unless another caller is fetching and there are keys already: those are the answer then, so that a
   * request never waits behind another's fetch (a token signed with a key that fetch brings passes at its next
   * try). Without keys every caller waits for the first fetch.
   */
  private List<JWK> refreshUnlessFetching(@Nullable List<JWK> known) throws KeysUnavailableException {
    if (known == null) {
      lock.lock();
    } else if (!lock.tryLock()) {
      return known;
    }
    try {
      return refreshLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Fetches unless keys are fresh or a fetch was tried within the minimum interval; holds {@link #lock}. */
  private List<JWK> refreshLocked() throws KeysUnavailableException {
    long now = ticker.read();
    List<JWK> known = keys;
    boolean fresh = known != null && now - fetchedAt < minRefreshNanos;
    if (fresh || attempted && now - attemptedAt < minRefreshNanos) {
      return available(known);
    }
    attempted = true;
    attemptedAt = now;
    try {
      List<JWK> fetched = fetch();
      keys = fetched;
      fetchedAt = now;
      LOG.info("Fetched {} keys from {}", fetched.size(), shownUrl);
      return fetched;
    } catch (IOException | ParseException | RuntimeException e) {
      if (known == null) {
        LOG.warn("Cannot fetch the keys from {}: {}", shownUrl, e.toString());
      } else {
        LOG.warn("Cannot fetch the keys from {}, keeping the {} keys fetched {} s ago: {}", shownUrl, known.size(),
            Duration.ofNanos(now - fetchedAt).toSeconds(), e.toString());
      }
      return available(known);
    }
  }

  private List<JWK> available(@Nullable List<JWK> known) throws KeysUnavailableException {
    if (known == null) {
      throw new KeysUnavailableException("no keys could be fetched from " + shownUrl);
    }
    return known;
  }

  private List<JWK> fetch() throws IOException, ParseException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    connection.setConnectTimeout(connectTimeoutMs);
    connection.setReadTimeout(readTimeoutMs);
    connection.setInstanceFollowRedirects(false);
    connection.setRequestProperty("Accept", "application/json, application/jwk-set+json");
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("HTTP " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
          throw new IOException("JWKS larger than " + MAX_BYTES + " bytes");
        }
        return List.copyOf(JWKSet.parse(new String(body, StandardCharsets.UTF_8)).getKeys());
      }
    } finally {
      connection.disconnect();
    }
  }

  /** {@return the URL without user information, query or fragment} */
  static String shown(URI url) {
    try {
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
    } catch (URISyntaxException e) {
      return url.getScheme() + "://" + url.getHost();
    }
  }
}
