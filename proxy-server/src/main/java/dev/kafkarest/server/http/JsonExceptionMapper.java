package dev.kafkarest.server.http;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jspecify.annotations.Nullable;

/**
 * Answers request bodies Jackson cannot bind: an unknown field is 422 "Unrecognized field: name", as in
 * Confluent; malformed JSON and wrong types are 400. Jackson's source-location noise is left out.
 * Failures that are the proxy's own (a response that cannot be written, a type Jackson cannot handle)
 * are 500, as for any other internal error.
 */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(JsonProcessingException exception) {
    return respond(exception, headers);
  }

  static Response respond(JsonProcessingException exception, @Nullable HttpHeaders headers) {
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ProxyException proxy) {
        // Jackson wraps what the body stream throws, such as the 413 of a body over the size limit.
        return ErrorResponses.of(proxy.errorCode(), proxy.getMessage(), headers);
      }
    }
    if (exception instanceof JsonGenerationException || exception instanceof InvalidDefinitionException) {
      return CatchAllExceptionMapper.internalError(exception, headers);
    }
    if (exception instanceof UnrecognizedPropertyException unknown) {
      return ErrorResponses.of(ErrorCode.UNPROCESSABLE_ENTITY, "Unrecognized field: " + unknown.getPropertyName(),
          headers);
    }
    String prefix = exception instanceof JsonParseException ? "Malformed JSON: " : "Bad Request: ";
    String detail = exception.getOriginalMessage() == null ? "invalid JSON" : exception.getOriginalMessage();
    return ErrorResponses.of(ErrorCode.BAD_REQUEST, prefix + plainWords(detail), headers);
  }

  private static final Pattern SOURCE = Pattern.compile("\\s*\\(?\\[Source: .*?; line: \\d+, column: \\d+]\\)?");
  private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at\\s*\\)");
  private static final Pattern FOR_SUFFIX = Pattern.compile("\\s*\\(for .*\\)$");
  private static final Pattern QUOTED_TYPE = Pattern.compile("`([^`]*)`");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Za-z_$][\\w$]*(?:<[^>]*>)?");

  /**
   * {@return Jackson's message without its source locations and with Java type names replaced by what
   *     a client knows: a number, a string, an array, an object}
   */
  static String plainWords(String detail) {
    String plain = SOURCE.matcher(detail).replaceAll("");
    plain = START_MARKER.matcher(plain).replaceAll("");
    plain = FOR_SUFFIX.matcher(plain).replaceAll("");
    plain = QUOTED_TYPE.matcher(plain).replaceAll(type -> Matcher.quoteReplacement(jsonKind(type.group(1))));
    plain = QUALIFIED_NAME.matcher(plain).replaceAll(type -> Matcher.quoteReplacement(jsonKind(type.group())));
    return plain.trim();
  }

  private static String jsonKind(String javaType) {
    String type = javaType.replaceAll("<.*", "");
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return switch (simple) {
      case "Long", "long", "Integer", "int", "Short", "short", "Double", "double", "Float", "float", "BigDecimal",
          "BigInteger", "Number" -> "a number";
      case "String", "char", "Character" -> "a string";
      case "Boolean", "boolean" -> "true or false";
      case "List", "ArrayList", "Set", "HashSet", "Collection" -> "an array";
      default -> "an object";
    };
  }
}
