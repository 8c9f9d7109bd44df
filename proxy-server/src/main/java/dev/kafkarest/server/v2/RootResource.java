package dev.kafkarest.server.v2;

import dev.kafkarest.server.http.KafkaMediaTypes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Map;

/** {@code GET /} and {@code POST /}: Confluent's no-op liveness endpoints, answering {@code {}}. */
@Path("/")
@Produces(KafkaMediaTypes.V2_RESPONSE_TYPES)
public final class RootResource {

  @GET
  public Map<String, String> get() {
    return Map.of();
  }

  @POST
  @Consumes(KafkaMediaTypes.V2_REQUEST_TYPES)
  public Map<String, String> post(Map<String, String> ignored) {
    return Map.of();
  }
}
