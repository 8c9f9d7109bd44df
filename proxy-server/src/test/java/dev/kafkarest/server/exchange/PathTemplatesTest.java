package dev.kafkarest.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceModel;
import org.glassfish.jersey.uri.UriTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplatesTest {
  private static final PathTemplates V2 = PathTemplates.of(List.of("/", "/topics", "/topics/{topic}",
      "/topics/{topic}/partitions/{partition: \\d+}", "/consumers/{group}/instances/{instance}/positions",
      "/consumers/{group}/instances/{instance}/positions/end", "/healthz"));

  @ParameterizedTest
  @CsvSource({
      "/, /",
      "/topics, /topics",
      "/topics/, /topics",
      "/topics/orders, /topics/{topic}",
      "/topics/orders/partitions/3, /topics/{topic}/partitions/{partition}",
      "/consumers/g/instances/i/positions, /consumers/{group}/instances/{instance}/positions",
      "/consumers/g/instances/i/positions/end, /consumers/{group}/instances/{instance}/positions/end",
      "/healthz, /healthz",
      "/nowhere/at/all, UNMATCHED",
      "/topics/orders/unknown, UNMATCHED"})
  void template_unmatchedByJersey_isTheTemplateThePathMatches(String path, String template) {
    assertEquals(template, V2.template(List.of(), path));
  }

  @Test
  void template_matchedByJersey_joinsTheTemplatesOutermostFirstWithoutRegularExpressions() {
    List<UriTemplate> innermostFirst = List.of(new UriTemplate("/records"), new UriTemplate("/instances/{instance}"),
        new UriTemplate("/consumers/{group: [a-z]+}"));

    assertEquals("/consumers/{group}/instances/{instance}/records", V2.template(innermostFirst, "/ignored"));
    assertEquals("/consumers/{group}/instances/{instance}/records", V2.template(innermostFirst, "/ignored"));
  }

  @Test
  void template_matchedByJerseyToACatchAll_isTheSpecificTemplateThePathMatches() {
    PathTemplates templates = PathTemplates.of(List.of("/consumers/{group}/instances/{instance}/records",
        "/consumers/{group}/instances/{instance}/{below: .+}"));
    List<UriTemplate> forwarded = List.of(new UriTemplate("{below: .+}"), new UriTemplate("/instances/{instance}"),
        new UriTemplate("/consumers/{group}"));

    assertEquals("/consumers/{group}/instances/{instance}/records",
        templates.template(forwarded, "/consumers/g/instances/i/records"));
    assertEquals("/consumers/{group}/instances/{instance}/{below}",
        templates.template(forwarded, "/consumers/g/instances/i/no/such/call"), "no specific template: the catch-all");
  }

  @Test
  void of_model_includesSubResourcesOfLocators() {
    ResourceModel model = new ResourceModel.Builder(false).addResource(Resource.from(Groups.class)).build();

    PathTemplates templates = PathTemplates.of(model);

    assertEquals("/groups/{group}/members/{member}", templates.template(List.of(), "/groups/g/members/m"));
    assertEquals("/groups/{group}", templates.template(List.of(), "/groups/g"));
  }

  @Path("/groups/{group}")
  public static final class Groups {
    @GET
    public String group() {
      return "";
    }

    @Path("/members/{member}")
    public Member member() {
      return new Member();
    }
  }

  public static final class Member {
    @GET
    public String get() {
      return "";
    }
  }
}
