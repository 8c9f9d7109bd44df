package dev.kafkarest.server.http;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;

/**
 * Makes Grizzly serve requests that carry an {@code Upgrade} header as plain HTTP/1.1.
 *
 * <p>Grizzly treats such a request as a protocol switch and never ends its body, so a POST from Java's
 * default {@code HttpClient} or {@code curl --http2} (both send {@code Upgrade: h2c}) hangs until the
 * read times out. This filter, placed right after the HTTP codec, declines the upgrade: it restores
 * normal content handling and drops the header. The proxy speaks HTTP/1.1 only.
 */
public final class UpgradeHeaderAddOn implements AddOn {

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int codec = builder.indexOfType(HttpServerFilter.class);
    builder.add(codec + 1, new DeclineUpgradeFilter());
  }

  private static final class DeclineUpgradeFilter extends BaseFilter {
    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
      if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
        HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
        header.setIgnoreContentModifiers(false);
        header.getUpgradeDC().recycle();
        header.getHeaders().removeHeader(Header.Upgrade);
      }
      return ctx.getInvokeAction();
    }
  }
}
