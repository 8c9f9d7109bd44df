package dev.kafkarest.server.http;

import jakarta.ws.rs.core.Configuration;
import java.util.List;
import org.glassfish.jersey.server.model.ModelProcessor;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceModel;

/**
 * Adds resources built in code (whose paths come from the configuration) to the application's model, so
 * that a {@link jakarta.ws.rs.core.Feature} can serve them. Jersey keeps one provider per class, so each
 * feature registers its own subclass: {@code context.register(new MyResources(resources))}.
 */
public abstract class AddedResources implements ModelProcessor {
  private final List<Resource> resources;

  protected AddedResources(List<Resource> resources) {
    this.resources = List.copyOf(resources);
  }

  @Override
  public final ResourceModel processResourceModel(ResourceModel model, Configuration configuration) {
    ResourceModel.Builder builder = new ResourceModel.Builder(model, false);
    resources.forEach(builder::addResource);
    return builder.build();
  }

  @Override
  public final ResourceModel processSubResource(ResourceModel model, Configuration configuration) {
    return model;
  }
}
