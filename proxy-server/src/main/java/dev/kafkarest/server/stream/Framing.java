package dev.kafkarest.server.stream;

import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How a stream frames its records: server-sent events ({@code text/event-stream}, one event per record with
 * an {@code id}) or NDJSON ({@code application/x-ndjson}, one JSON value per line). In both, a record's JSON
 * is one line: JSON strings escape line breaks.
 */
public enum Framing {
  /** {@code id: topic/partition/offset}, {@code data: <record>}, a blank line; heartbeats are comments. */
  SSE("text/event-stream", ":\n\n") {
    @Override
    String prefix(ConsumerRecord<?, ?> record) {
      return "id: " + EventIds.of(record) + "\ndata: ";
    }

    @Override
    String suffix() {
      return "\n\n";
    }

    @Override
    String errorPrefix() {
      return "event: error\ndata: ";
    }
  },
  /** One record per line; heartbeats are empty lines. */
  NDJSON("application/x-ndjson", "\n") {
    @Override
    String prefix(ConsumerRecord<?, ?> record) {
      return "";
    }

    @Override
    String suffix() {
      return "\n";
    }

    @Override
    String errorPrefix() {
      return "";
    }
  };

  /** The types a stream answers, for {@code @Produces}; below the JSON types, so a generic Accept gets JSON. */
  public static final String STREAM_TYPES = "text/event-stream;qs=0.1,application/x-ndjson;qs=0.1";

  private final MediaType type;
  private final byte[] heartbeat;

  Framing(String type, String heartbeat) {
    this.type = MediaType.valueOf(type);
    this.heartbeat = heartbeat.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@return the framing a client accepts, the first it names among these; SSE when it names none} */
  public static Framing negotiate(List<MediaType> acceptable) {
    for (MediaType accepted : acceptable) {
      for (Framing framing : values()) {
        if (framing.type.isCompatible(accepted) && !accepted.isWildcardType() && !accepted.isWildcardSubtype()) {
          return framing;
        }
      }
    }
    return SSE;
  }

  public MediaType mediaType() {
    return type;
  }

  byte[] heartbeat() {
    return heartbeat.clone();
  }

  /** {@return what goes before a record's JSON} */
  abstract String prefix(ConsumerRecord<?, ?> record);

  /** {@return what goes after a record's JSON} */
  abstract String suffix();

  /** {@return what goes before the JSON error that ends a stream} */
  abstract String errorPrefix();
}
