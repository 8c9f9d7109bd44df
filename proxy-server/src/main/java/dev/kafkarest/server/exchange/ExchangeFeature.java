package dev.kafkarest.server.exchange;

import dev.kafkarest.server.config.OperationsSettings;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every exchange and hands it to the access log (when {@code access.log.enabled}) and to the
 * given listeners (the HTTP meters); gives every response an {@code X-Request-Id}. Register it once:
 * {@code application.register(new ExchangeFeature(settings.accessLog(), meters))}.
 */
public final class ExchangeFeature implements Feature {
  private final ExchangeFilter filter = new ExchangeFilter();
  private final ExchangeRecorder recorder;

  /** @param listeners receive every exchange after the access log */
  public ExchangeFeature(OperationsSettings.AccessLog accessLog, ExchangeListener... listeners) {
    this(withAccessLog(accessLog, List.of(listeners)));
  }

  /** A feature that hands exchanges to exactly these listeners. */
  ExchangeFeature(List<ExchangeListener> listeners) {
    this.recorder = new ExchangeRecorder(listeners, Clock.systemUTC(), System::nanoTime);
  }

  private static List<ExchangeListener> withAccessLog(OperationsSettings.AccessLog accessLog,
      List<ExchangeListener> listeners) {
    List<ExchangeListener> all = new ArrayList<>();
    if (accessLog.enabled()) {
      all.add(AccessLog.toLogger(accessLog.loggerName()));
    }
    all.addAll(listeners);
    return all;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(filter).register(recorder);
    return true;
  }
}
