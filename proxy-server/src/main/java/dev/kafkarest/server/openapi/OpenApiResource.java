package dev.kafkarest.server.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

/** {@code GET /openapi.yaml} and {@code GET /openapi.json}: the API description, from memory. */
@Path("/")
public final class OpenApiResource {
  /** The YAML media type (RFC 9512). */
  public static final String APPLICATION_YAML = "application/yaml";

  private final OpenApiDocument document;

  OpenApiResource(OpenApiDocument document) {
    this.document = document;
  }

  @GET
  @Path("openapi.yaml")
  @Produces(APPLICATION_YAML)
  public StreamingOutput yaml() {
    return document::writeYaml;
  }

  @GET
  @Path("openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  public StreamingOutput json() {
    return document::writeJson;
  }
}
