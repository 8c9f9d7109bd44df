package dev.kafkarest.server.hdinsight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Reads HDInsight request bodies as JSON trees, with a clear 400 for anything that is not JSON. */
final class HdInsightBodies {
  private HdInsightBodies() {}

  /**
   * {@return the body as a JSON object}
   *
   * @param optional whether an empty body stands for {@code {}}
   * @throws ProxyException 400 when the body is not JSON or not an object (or is empty but required)
   */
  static JsonNode object(ObjectMapper mapper, byte @Nullable [] body, boolean optional) {
    if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      if (optional) {
        return mapper.createObjectNode();
      }
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The request needs a JSON body.");
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The body cannot be read.");
    }
    if (tree == null || !tree.isObject()) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The body must be a JSON object.");
    }
    return tree;
  }
}
