package dev.kafkarest.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi31;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's OpenAPI document ({@code openapi/openapi.yaml}) as a contract that the black-box tests check
 * every exchange against, so that the document cannot drift from what the proxy does:
 *
 * <ul>
 *   <li>A path the document does not name must be answered 404 with the error envelope; a method it does
 *       not name on a known path, 405 with the error envelope. HEAD and OPTIONS, which Jersey answers by
 *       itself, are not checked.
 *   <li>The response status must be documented for the operation, the Content-Type must be one of that
 *       response's media types, and a JSON body must validate against its schema; a response documented
 *       without content must have no body, and one with content must have a body unless it is marked
 *       {@code x-body-may-be-empty}.
 *   <li>When the proxy accepted a request (2xx), the request was valid: its query parameters are
 *       documented, a required body was sent, its Content-Type (none means {@code application/octet-stream})
 *       is documented, and a body that parses as JSON validates against the schema. Requests the proxy
 *       refused are not checked, since the bad-input tests send invalid bodies on purpose.
 * </ul>
 *
 * Thread-safe; schemas are compiled on first use and cached.
 */
public final class OpenApiContract {
  /** Where the document is on the class path (proxy-server's resources). */
  static final String RESOURCE = "openapi/openapi.yaml";

  private static final String IRI = "classpath:" + RESOURCE;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> AUTOMATIC_METHODS = Set.of("head", "options");
  private static final int MAX_ERRORS_SHOWN = 5;
  /** A response extension: the documented body may be missing altogether (Jersey's answer to some bad headers). */
  private static final String BODY_MAY_BE_EMPTY = "x-body-may-be-empty";

  private static volatile @Nullable OpenApiContract shared;

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final List<PathTemplate> templates;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  OpenApiContract(String yaml) {
    try {
      this.document = new YAMLMapper().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The OpenAPI document is not valid YAML: " + e.getOriginalMessage(), e);
    }
    this.registry = SchemaRegistry.withDefaultDialect(OpenApi31.getInstance(),
        builder -> builder.schemas(Map.of(IRI, yaml)));
    List<PathTemplate> list = new ArrayList<>();
    document.get("paths").fieldNames().forEachRemaining(path -> list.add(PathTemplate.of(path)));
    // Concrete paths win over templated ones, as OpenAPI prescribes.
    list.sort(Comparator.comparingInt(PathTemplate::literals).reversed());
    this.templates = List.copyOf(list);
  }

  /** {@return the contract of the document on the class path, loaded once per JVM} */
  public static OpenApiContract shared() {
    OpenApiContract contract = shared;
    if (contract == null) {
      synchronized (OpenApiContract.class) {
        contract = shared;
        if (contract == null) {
          contract = new OpenApiContract(readResource());
          shared = contract;
        }
      }
    }
    return contract;
  }

  /**
   * One HTTP exchange as a test saw it.
   *
   * @param requestBody the body sent, empty for none, or null when it was too large to keep
   */
  public record Exchange(String method, URI uri, @Nullable String requestContentType, byte @Nullable [] requestBody,
      int status, @Nullable String responseContentType, String responseBody) {}

  /**
   * Checks an exchange.
   *
   * @throws AssertionError listing every way the exchange disagrees with the document
   */
  public void verify(Exchange exchange) {
    List<String> violations = violations(exchange);
    if (!violations.isEmpty()) {
      throw new AssertionError("The exchange " + exchange.method() + " " + exchange.uri() + " -> " + exchange.status()
          + " disagrees with " + RESOURCE + ":\n  " + String.join("\n  ", violations)
          + "\n  response: " + abbreviate(exchange.responseBody()));
    }
  }

  /** {@return every way the exchange disagrees with the document; empty when it agrees} */
  public List<String> violations(Exchange exchange) {
    String method = exchange.method().toLowerCase(Locale.ROOT);
    if (AUTOMATIC_METHODS.contains(method)) {
      return List.of();
    }
    List<String> violations = new ArrayList<>();
    PathTemplate template = match(exchange.uri().getRawPath());
    if (template == null) {
      expectError(exchange, 404, "no documented path matches", violations);
      return violations;
    }
    String pathPointer = "/paths/" + escape(template.text());
    JsonNode pathItem = document.at(pathPointer);
    JsonNode operation = pathItem.get(method);
    if (operation == null) {
      expectError(exchange, 405, "the method is not documented for " + template.text(), violations);
      return violations;
    }
    String operationPointer = pathPointer + "/" + method;
    checkResponse(exchange, operationPointer, operation, violations);
    if (exchange.status() >= 200 && exchange.status() < 300) {
      checkQuery(exchange, pathItem, operation, violations);
      checkRequestBody(exchange, operationPointer, operation, violations);
    }
    return violations;
  }

  /**
   * Compiles the schema of every documented request and response media type and evaluates it once, so that
   * a broken {@code $ref} shows at once rather than in the exchange that first needs it.
   *
   * @return how many schemas were compiled
   * @throws RuntimeException when a schema cannot be compiled or resolved
   */
  int compileAll() {
    int count = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String operationPointer = "/paths/" + escape(path.getKey()) + "/" + methods.next();
        JsonNode operation = document.at(operationPointer);
        List<String> owners = new ArrayList<>();
        if (operation.has("requestBody")) {
          owners.add(operationPointer + "/requestBody");
        }
        operation.path("responses").fieldNames().forEachRemaining(code -> owners.add(operationPointer + "/responses/" + code));
        for (String owner : owners) {
          Resolved resolved = resolve(owner);
          for (String type : names(resolved.node().path("content"))) {
            String pointer = resolved.pointer() + "/content/" + escape(type) + "/schema";
            schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(IRI + "#" + p)))
                .validate(JSON.nullNode());
            count++;
          }
        }
      }
    }
    return count;
  }

  private void checkResponse(Exchange exchange, String operationPointer, JsonNode operation, List<String> out) {
    JsonNode responses = operation.path("responses");
    String status = String.valueOf(exchange.status());
    String key = responses.has(status) ? status
        : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
        : responses.has("default") ? "default" : null;
    if (key == null) {
      out.add("status " + status + " is not documented; documented: " + names(responses));
      return;
    }
    Resolved response = resolve(operationPointer + "/responses/" + key);
    JsonNode content = response.node().get("content");
    String body = exchange.responseBody();
    if (content == null || content.isEmpty()) {
      if (!body.isEmpty()) {
        out.add("status " + status + " is documented without a body, but one was sent");
      }
      return;
    }
    if (body.isEmpty()) {
      if (!response.node().path(BODY_MAY_BE_EMPTY).asBoolean(false)) {
        out.add("status " + status + " is documented with a body (" + names(content) + "), but none was sent");
      }
      return;
    }
    String type = mediaType(exchange.responseContentType());
    String contentKey = contentKey(content, type);
    if (contentKey == null) {
      out.add("response Content-Type " + type + " is not documented for status " + status + "; documented: "
          + names(content));
      return;
    }
    if (isJson(contentKey)) {
      validate("response body", body, response.pointer() + "/content/" + escape(contentKey) + "/schema", out);
    }
  }

  private void checkRequestBody(Exchange exchange, String operationPointer, JsonNode operation, List<String> out) {
    byte[] body = exchange.requestBody();
    if (body == null) {
      return;
    }
    if (!operation.has("requestBody")) {
      if (body.length > 0) {
        out.add("a request body was accepted, but the operation documents none");
      }
      return;
    }
    Resolved requestBody = resolve(operationPointer + "/requestBody");
    if (body.length == 0) {
      if (requestBody.node().path("required").asBoolean(false)) {
        out.add("the request had no body, but the document says it is required");
      }
      return;
    }
    JsonNode content = requestBody.node().path("content");
    String type = exchange.requestContentType() == null ? "application/octet-stream"
        : mediaType(exchange.requestContentType());
    String contentKey = contentKey(content, type);
    if (contentKey == null) {
      out.add("request Content-Type " + type + " was accepted, but is not documented; documented: " + names(content));
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (parses(text)) {
      validate("request body", text, requestBody.pointer() + "/content/" + escape(contentKey) + "/schema", out);
    }
  }

  private void checkQuery(Exchange exchange, JsonNode pathItem, JsonNode operation, List<String> out) {
    String query = exchange.uri().getRawQuery();
    if (query == null || query.isEmpty()) {
      return;
    }
    Set<String> documented = new HashSet<>();
    for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
      for (JsonNode parameter : parameters) {
        JsonNode resolved = parameter.has("$ref") ? resolve(parameter.get("$ref").textValue().substring(1)).node()
            : parameter;
        if ("query".equals(resolved.path("in").asText())) {
          documented.add(resolved.path("name").asText());
        }
      }
    }
    for (String pair : query.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!name.isEmpty() && !documented.contains(name)) {
        out.add("query parameter '" + name + "' was accepted, but is not documented; documented: " + documented);
      }
    }
  }

  /** An unknown path or method must get the given status with the error envelope. */
  private void expectError(Exchange exchange, int status, String why, List<String> out) {
    if (exchange.status() != status) {
      out.add(why + ", so the answer must be " + status + ", not " + exchange.status());
      return;
    }
    validate(status + " body", exchange.responseBody(), "/components/schemas/Error", out);
  }

  private void validate(String what, String body, String schemaPointer, List<String> out) {
    JsonNode instance;
    try {
      instance = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      out.add(what + " is not JSON: " + e.getOriginalMessage());
      return;
    }
    Schema schema = schemas.computeIfAbsent(schemaPointer,
        pointer -> registry.getSchema(SchemaLocation.of(IRI + "#" + pointer)));
    List<Error> errors = schema.validate(instance);
    if (!errors.isEmpty()) {
      out.add(what + " does not match " + schemaPointer + ": " + errors.stream().limit(MAX_ERRORS_SHOWN)
          .map(Error::toString).collect(Collectors.joining("; "))
          + (errors.size() > MAX_ERRORS_SHOWN ? " (and " + (errors.size() - MAX_ERRORS_SHOWN) + " more)" : ""));
    }
  }

  /** The documented path Jersey routes a request to: it drops each segment's matrix parameters ({@code ;x=1}). */
  private @Nullable PathTemplate match(String rawPath) {
    String routed = rawPath.replaceAll(";[^/]*", "");
    String path = routed.length() > 1 && routed.endsWith("/") ? routed.substring(0, routed.length() - 1) : routed;
    List<String> segments = segments(path.isEmpty() ? "/" : path);
    for (PathTemplate template : templates) {
      if (template.matches(segments)) {
        return template;
      }
    }
    return null;
  }

  /** Follows {@code $ref}s (local ones only) from a JSON pointer into the document. */
  private Resolved resolve(String pointer) {
    String at = pointer;
    JsonNode node = document.at(at);
    for (int hops = 0; node.has("$ref"); hops++) {
      String ref = node.get("$ref").textValue();
      if (!ref.startsWith("#") || hops > 10) {
        throw new IllegalStateException("Unsupported $ref " + ref + " at " + at);
      }
      at = ref.substring(1);
      node = document.at(at);
    }
    if (node.isMissingNode()) {
      throw new IllegalStateException("Nothing at " + pointer + " in " + RESOURCE);
    }
    return new Resolved(at, node);
  }

  private record Resolved(String pointer, JsonNode node) {}

  /** A documented path, split into literal segments and parameters. */
  private record PathTemplate(String text, List<String> segments, int literals) {
    static PathTemplate of(String text) {
      List<String> segments = OpenApiContract.segments(text);
      int literals = (int) segments.stream().filter(s -> !isParameter(s)).count();
      return new PathTemplate(text, segments, literals);
    }

    boolean matches(List<String> concrete) {
      if (concrete.size() != segments.size()) {
        return false;
      }
      for (int i = 0; i < segments.size(); i++) {
        String segment = segments.get(i);
        if (isParameter(segment) ? concrete.get(i).isEmpty() : !segment.equals(concrete.get(i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean isParameter(String segment) {
      return segment.startsWith("{") && segment.endsWith("}");
    }
  }

  private static List<String> segments(String path) {
    if (path.equals("/")) {
      return List.of();
    }
    return List.of((path.startsWith("/") ? path.substring(1) : path).split("/", -1));
  }

  private static @Nullable String contentKey(JsonNode content, String type) {
    if (content.has(type)) {
      return type;
    }
    String range = type.substring(0, type.indexOf('/') + 1) + "*";
    return content.has(range) ? range : content.has("*/*") ? "*/*" : null;
  }

  /** {@return the type and subtype of a Content-Type, lower case, without parameters} */
  static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return "(none)";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.endsWith("/json") || mediaType.endsWith("+json");
  }

  private static boolean parses(String text) {
    try {
      JSON.readTree(text);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static String abbreviate(String body) {
    return body.length() > 500 ? body.substring(0, 500) + "..." : body;
  }

  private static String readResource() {
    try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
