package dev.kafkarest.server.http;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * Keeps at most {@code http.connections.max} client connections open on one listener: a connection
 * beyond the limit gets 503 with the error envelope and is closed, and uses nothing else.
 */
final class ConnectionLimitFilter extends BaseFilter {
  private static final byte[] TOO_MANY = RawErrors.response(503, "Service Unavailable");

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimitFilter(int max) {
    this.max = max;
  }

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    if (open.incrementAndGet() > max) {
      WholeBodyFilter.answerAndClose(ctx.getConnection(), TOO_MANY);
      return ctx.getStopAction();
    }
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    open.decrementAndGet();
    return ctx.getInvokeAction();
  }
}
