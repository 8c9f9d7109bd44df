package dev.kafkarest.server.v2;

import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;

/** {@code GET /brokers}: the ids of the cluster's brokers. */
@Path("/brokers")
@Produces(KafkaMediaTypes.V2_RESPONSE_TYPES)
public final class BrokersResource {
  private final MetadataService metadata;
  private final Responses responses;
  private final AccessChecks access;

  BrokersResource(MetadataService metadata, Responses responses, AccessChecks access) {
    this.access = access;
    this.metadata = metadata;
    this.responses = responses;
  }

  @GET
  public CompletionStage<BrokerList> list(@Context SecurityContext security) {
    access.describeCluster(RequestIdentity.of(security));
    return responses.on(metadata.brokerIds(), BrokerList::new);
  }
}
