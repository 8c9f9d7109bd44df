package dev.kafkarest.server.v2;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.produce.ProduceOutcome;
import dev.kafkarest.core.produce.ProduceRecord;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The produce endpoints' shared work: parse the body in the format the Content-Type selects, check it
 * against the produce rules (nothing is sent unless the whole request passes), produce, and render one
 * offset entry per record.
 */
final class ProduceAction {
  private final ProduceService produceService;
  private final ProduceRules rules;
  private final Responses responses;

  ProduceAction(ProduceService produceService, ProduceRules rules, Responses responses) {
    this.produceService = produceService;
    this.rules = rules;
    this.responses = responses;
  }

  CompletionStage<Response> produce(
      String topic, @Nullable Integer partition, @Nullable MediaType contentType, InputStream body) {
    EmbeddedFormat format = KafkaMediaTypes.produceFormat(contentType);
    List<ProduceRecord> records = rules.parse(topic, format, body);
    return responses.on(produceService.produce(topic, partition, records), ProduceAction::render);
  }

  /**
   * Renders outcomes. As in Confluent, the status is 401 or 403 when the first failed record failed
   * authentication or authorization, else 200 even if records failed.
   */
  private static Response render(List<ProduceOutcome> outcomes) {
    List<ProduceOffset> offsets = new ArrayList<>(outcomes.size());
    int status = 0;
    for (ProduceOutcome outcome : outcomes) {
      if (outcome instanceof ProduceOutcome.Written written) {
        offsets.add(new ProduceOffset(written.partition(), written.offset(), null, null));
      } else {
        ProduceOutcome.Unacknowledged failed = (ProduceOutcome.Unacknowledged) outcome;
        offsets.add(new ProduceOffset(null, null, failed.errorCode().code(), failed.message()));
        if (status == 0 && (failed.errorCode() == ErrorCode.AUTHENTICATION_FAILED
            || failed.errorCode() == ErrorCode.NOT_AUTHORIZED)) {
          status = failed.errorCode().httpStatus();
        }
      }
    }
    return Response.status(status == 0 ? 200 : status)
        .entity(new ProduceResponse(offsets, null, null))
        .build();
  }
}
