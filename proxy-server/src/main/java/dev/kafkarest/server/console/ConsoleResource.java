package dev.kafkarest.server.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /console} (the page) and {@code GET /console/{asset}} (its script and style sheet), read from
 * the class path once, when the resource is built. Only the listed assets are served; any other name is 404.
 */
@Path("/console")
public final class ConsoleResource {
  /** Only the console's own files, no inline script or style, no other origin; calls go to this proxy. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final String FOLDER = "/console/";

  private final Asset page;
  private final Map<String, Asset> assets;

  ConsoleResource() {
    this.page = Asset.load("index.html", "text/html; charset=utf-8");
    this.assets = Map.of(
        "console.js", Asset.load("console.js", "text/javascript; charset=utf-8"),
        "console.css", Asset.load("console.css", "text/css; charset=utf-8"));
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page() {
    return page.response();
  }

  @GET
  @Path("{asset}")
  @Produces(MediaType.WILDCARD)
  public Response asset(@PathParam("asset") String name) {
    Asset asset = assets.get(name);
    if (asset == null) {
      throw new NotFoundException("No such console file: " + name);
    }
    return asset.response();
  }

  private record Asset(byte[] bytes, String type) {
    static Asset load(String name, String type) {
      try (InputStream in = ConsoleResource.class.getResourceAsStream(FOLDER + name)) {
        if (in == null) {
          throw new IllegalStateException("The console file " + FOLDER + name + " is missing from the class path");
        }
        return new Asset(in.readAllBytes(), type);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Response response() {
      return Response.ok(bytes, type)
          .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .header("X-Content-Type-Options", "nosniff")
          .header("Referrer-Policy", "no-referrer")
          .header(HttpHeaders.CACHE_CONTROL, "no-cache")
          .build();
    }
  }
}
