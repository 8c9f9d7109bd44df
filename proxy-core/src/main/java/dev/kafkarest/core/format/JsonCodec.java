package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code json} format: any JSON value, stored in Kafka as compact UTF-8 JSON text (so the string
 * {@code "abc"} is stored with its quotes, as Confluent does). Numbers keep their value and precision
 * ({@code 1.10} stays {@code 1.10}); spellings Jackson normalises are stored normalised, see
 * {@link NumberText}, and numbers beyond {@code BigDecimal}'s range are kept as spelled, see
 * {@link JsonCopy}. Reading for a consumer copies the stored value the same way.
 */
enum JsonCodec implements RecordCodec {
  INSTANCE;

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  @Override
  public RecordReader reader() {
    return new JsonRecordReader();
  }

  @Override
  public void write(byte @Nullable [] data, JsonGenerator generator) throws IOException {
    if (data == null) {
      generator.writeNull();
      return;
    }
    try (JsonParser parser = FACTORY.createParser(data)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new UndecodableDataException("empty data is not a JSON value", new IOException("empty"));
      }
      JsonCopy.copyValue(parser, generator);
      if (parser.nextToken() != null) {
        throw new UndecodableDataException("data holds more than one JSON value", new IOException("trailing"));
      }
    } catch (StreamConstraintsException e) {
      throw new UndecodableDataException("data is over a parser limit: " + ParserLimits.describe(e), e);
    } catch (JsonProcessingException e) {
      throw new UndecodableDataException("data is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
