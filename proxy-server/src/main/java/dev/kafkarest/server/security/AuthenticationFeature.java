package dev.kafkarest.server.security;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.tls.ClientAuthentication;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request authentication as one Jersey feature: {@code application.register(new AuthenticationFeature(settings))}.
 *
 * <p>The constructor builds the authenticator, so a missing users file, a malformed JAAS file or bad
 * keys stop start-up with {@link InvalidConfigException}. With {@code authentication.method=NONE} and no
 * TLS client authentication the feature registers nothing and every request is anonymous.
 */
public final class AuthenticationFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFeature.class);

  private final @Nullable AuthenticationFilter filter;

  /** @throws InvalidConfigException when a file or key the settings name is unusable */
  public AuthenticationFeature(AuthenticationSettings settings) {
    this(settings, Ticker.systemTicker(), Clock.systemUTC());
  }

  AuthenticationFeature(AuthenticationSettings settings, Ticker ticker, Clock clock) {
    Authenticator authenticator = authenticator(settings, ticker, clock);
    this.filter = authenticator == null ? null : new AuthenticationFilter(settings.method(), settings.realm(),
        settings.skipPaths(), authenticator);
  }

  /** {@return whether requests are authenticated: a password, a bearer token or a client certificate} */
  public boolean authenticates() {
    return filter != null;
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (filter != null) {
      context.register(filter);
    }
    return true;
  }

  /** {@return the authenticator the settings call for, or null when requests are anonymous} */
  static @Nullable Authenticator authenticator(AuthenticationSettings settings, Ticker ticker, Clock clock) {
    AuthenticationSettings.Certificates certificates = settings.certificates();
    return switch (settings.method()) {
      case NONE -> certificates.mode() == ClientAuthentication.NONE ? null
          : new CertificateAuthenticator(certificates.mappingRules(),
              certificates.mode() == ClientAuthentication.REQUIRED);
      case BASIC -> basic(settings, ticker);
      case BEARER -> bearer(settings.bearer(), ticker, clock);
    };
  }

  private static Authenticator basic(AuthenticationSettings settings, Ticker ticker) {
    AuthenticationSettings.Basic basic = settings.basic();
    ReloadingUserStore users;
    if (basic.usersFile() != null) {
      users = new ReloadingUserStore(basic.usersFile(), UsersFile::readHashed, basic.reloadInterval(), ticker);
    } else {
      Path jaasFile = basic.jaasFile();
      if (jaasFile == null) {
        throw new InvalidConfigException("BASIC authentication needs a users file or a JAAS file");
      }
      Path usersFile = JaasConfigFile.usersFile(jaasFile, settings.realm());
      LOG.info("HTTP Basic users from {} (JAAS entry '{}' in {})", usersFile, settings.realm(), jaasFile);
      users = new ReloadingUserStore(usersFile, UsersFile::readJetty, basic.reloadInterval(), ticker);
    }
    return new BasicAuthenticator(users, settings.roles(), basic.cacheTtl(), ticker);
  }

  private static Authenticator bearer(AuthenticationSettings.Bearer bearer, Ticker ticker, Clock clock) {
    VerificationKeys keys = bearer.jwksUrl() != null
        ? new RemoteJwks(bearer.jwksUrl(), bearer.jwksConnectTimeout(), bearer.jwksReadTimeout(),
            bearer.jwksRefresh(), bearer.jwksMinRefresh(), ticker)
        : LocalKeys.read(Objects.requireNonNull(bearer.jwksFile()));
    return new BearerAuthenticator(bearer, keys, clock, ticker);
  }
}
