package dev.kafkarest.server.v2;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;

/**
 * Answers every call under {@code /consumers/{group}/instances/{instance}} for an instance another node
 * holds, whatever its method, path below the instance, media types or body: the owner decides them all.
 * Each method hands the call to the {@link RemoteInstances.Forward} that {@link RemoteInstances#locate}
 * gave, which answers it asynchronously.
 */
public final class RemoteInstanceResource implements InstanceResource {
  private final RemoteInstances.Forward call;

  RemoteInstanceResource(RemoteInstances.Forward call) {
    this.call = call;
  }

  @GET
  public void get(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }

  @GET
  @Path("{below: .+}")
  public void getBelow(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }

  @POST
  public void post(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }

  @POST
  @Path("{below: .+}")
  public void postBelow(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }

  @PUT
  public void put(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }

  @PUT
  @Path("{below: .+}")
  public void putBelow(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }

  @DELETE
  public void delete(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }

  @DELETE
  @Path("{below: .+}")
  public void deleteBelow(@Suspended AsyncResponse response, @Context ContainerRequestContext request) {
    call.forward(request, response);
  }
}
