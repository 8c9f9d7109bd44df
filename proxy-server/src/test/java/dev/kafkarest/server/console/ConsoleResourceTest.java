package dev.kafkarest.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleResourceTest {
  private final ConsoleResource console = new ConsoleResource();

  @Test
  void page_served_isHtmlWithAPolicyThatAllowsOnlyItsOwnFiles() {
    Response page = console.page();

    assertEquals(200, page.getStatus());
    assertEquals("text/html;charset=utf-8", page.getHeaderString("Content-Type"));
    String policy = page.getHeaderString("Content-Security-Policy");
    assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'self'")
        && policy.contains("connect-src 'self'"), policy);
    assertEquals("nosniff", page.getHeaderString("X-Content-Type-Options"));
    String html = new String((byte[]) page.getEntity(), StandardCharsets.UTF_8);
    assertTrue(html.contains("src=\"/console/console.js\""), "the page loads its own script");
  }

  @Test
  void page_html_hasNoInlineScriptStyleOrOtherOrigin() {
    String html = new String((byte[]) console.page().getEntity(), StandardCharsets.UTF_8);

    assertTrue(!html.contains("<script>") && !html.contains("style=") && !html.contains(" on")
        && !html.contains("http://") && !html.contains("https://"), "the policy would block it: " + html);
  }

  @Test
  void asset_listed_isServedWithItsType() {
    assertEquals("text/javascript;charset=utf-8", console.asset("console.js").getHeaderString("Content-Type"));
    assertEquals("text/css;charset=utf-8", console.asset("console.css").getHeaderString("Content-Type"));
  }

  @Test
  void asset_notListed_is404() {
    assertThrows(NotFoundException.class, () -> console.asset("index.html.bak"));
    assertThrows(NotFoundException.class, () -> console.asset("..%2Fopenapi.yaml"));
  }
}
