package dev.kafkarest.server.http;

import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Installs the proxy's guards in a listener's filter chain ({@link HttpLimits}): the connection limit
 * right after the transport, {@link GuardedHttpCodec} in place of Grizzly's codec, and
 * {@link WholeBodyFilter} right after the codec. Also applies the header and idle limits to the listener;
 * call {@link #configure} before the server starts.
 */
public final class RequestGuardAddOn implements AddOn {
  private final HttpLimits limits;
  private final long bodyMaxBytes;
  private final ScheduledExecutorService timer;

  /**
   * @param bodyMaxBytes {@code request.body.max.bytes}: a body over it is not collected
   * @param timer runs the body-read deadlines
   */
  public RequestGuardAddOn(HttpLimits limits, long bodyMaxBytes, ScheduledExecutorService timer) {
    this.limits = limits;
    this.bodyMaxBytes = bodyMaxBytes;
    this.timer = timer;
  }

  /** Applies the header and idle limits to {@code listener} and registers this add-on with it. */
  public void configure(NetworkListener listener) {
    listener.setMaxHttpHeaderSize(limits.headerMaxBytes());
    listener.setMaxRequestHeaders(limits.headersMax());
    listener.getKeepAlive().setIdleTimeoutInSeconds(limits.idleTimeoutSeconds());
    listener.registerAddOn(this);
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int codec = builder.indexOfType(HttpServerFilter.class);
    HttpServerFilter original = (HttpServerFilter) builder.get(codec);
    builder.set(codec, new GuardedHttpCodec(listener, original, bodyMaxBytes));
    builder.add(codec + 1, new WholeBodyFilter(limits.bodyReadTimeout(), bodyMaxBytes, timer));
    builder.add(builder.indexOfType(TransportFilter.class) + 1, new ConnectionLimitFilter(limits.connectionsMax()));
  }
}
