package dev.kafkarest.server.http;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Installs the proxy's guards in a listener's filter chain ({@link HttpLimits}): the connection limit
 * right after the transport, {@link GuardedHttpCodec} in place of Grizzly's codec, and
 * {@link WholeBodyFilter} right after the codec. Also applies the header, idle and write limits to the listener;
 * call {@link #configure} before the server starts. The bodies in collection of every listener it is
 * registered with share one {@link BodyBudget}.
 */
public final class RequestGuardAddOn implements AddOn {
  private final HttpLimits limits;
  private final long bodyMaxBytes;
  private final ScheduledExecutorService timer;
  private final BodyBudget budget;
  private final BodyAdmission admission;

  /**
   * @param bodyMaxBytes {@code request.body.max.bytes}: a body over it is not collected
   * @param timer runs the body-read deadlines
   * @param admission what a body counts against while it arrives (the produce bytes in flight), else
   *     {@link BodyAdmission#NONE}
   */
  public RequestGuardAddOn(HttpLimits limits, long bodyMaxBytes, ScheduledExecutorService timer,
      BodyAdmission admission) {
    this.limits = limits;
    this.bodyMaxBytes = bodyMaxBytes;
    this.timer = timer;
    this.budget = new BodyBudget(limits.effectiveBodyBufferMaxBytes());
    this.admission = admission;
  }

  /** Applies the header and idle limits to {@code listener} and registers this add-on with it. */
  public void configure(NetworkListener listener) {
    listener.setMaxHttpHeaderSize(limits.headerMaxBytes());
    listener.setMaxRequestHeaders(limits.headersMax());
    listener.getKeepAlive().setIdleTimeoutInSeconds(limits.idleTimeoutSeconds());
    listener.getTransport().setWriteTimeout(limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    listener.registerAddOn(this);
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int codec = builder.indexOfType(HttpServerFilter.class);
    HttpServerFilter original = (HttpServerFilter) builder.get(codec);
    builder.set(codec, new GuardedHttpCodec(listener, original, bodyMaxBytes));
    builder.add(codec + 1, new WholeBodyFilter(limits.bodyReadTimeout(), bodyMaxBytes, timer, budget, admission));
    builder.add(builder.indexOfType(TransportFilter.class) + 1, new ConnectionLimitFilter(limits.connectionsMax()));
  }
}
