package dev.kafkarest.core.nodes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The directory topic's record format. Keys are JSON arrays, so any principal, group or instance name fits:
 * {@code ["node", id]} with the node's URL as value, and {@code ["instance", principal, authenticated,
 * group, name]} with the owning node's id as value. A null value (a tombstone) removes the entry, and
 * compaction keeps the latest record of each key.
 */
public final class DirectoryRecords {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String NODE = "node";
  private static final String INSTANCE = "instance";

  private DirectoryRecords() {}

  /** A decoded key: exactly one of the two is set. */
  public record Key(@Nullable String nodeId, @Nullable OwnedInstance instance) {}

  public static byte[] nodeKey(String nodeId) {
    return array(List.of(NODE, nodeId));
  }

  public static byte[] instanceKey(OwnedInstance instance) {
    return array(List.of(INSTANCE, instance.principal(), instance.authenticated(), instance.group(), instance.name()));
  }

  public static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  public static @Nullable String text(byte @Nullable [] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** {@return the key, or null when it is not one of ours (the record is then skipped)} */
  public static @Nullable Key parse(byte @Nullable [] key) {
    if (key == null) {
      return null;
    }
    List<Object> values = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(key)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        switch (token) {
          case VALUE_STRING -> values.add(parser.getText());
          case VALUE_TRUE, VALUE_FALSE -> values.add(token == JsonToken.VALUE_TRUE);
          default -> {
            return null;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (values.size() == 2 && NODE.equals(values.get(0)) && values.get(1) instanceof String id) {
      return new Key(id, null);
    }
    if (values.size() == 5 && INSTANCE.equals(values.get(0)) && values.get(1) instanceof String principal
        && values.get(2) instanceof Boolean authenticated && values.get(3) instanceof String group
        && values.get(4) instanceof String name) {
      return new Key(null, new OwnedInstance(principal, authenticated, group, name));
    }
    return null;
  }

  private static byte[] array(List<Object> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.writeStartArray();
      for (Object value : values) {
        if (value instanceof Boolean flag) {
          generator.writeBoolean(flag);
        } else {
          generator.writeString((String) value);
        }
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
