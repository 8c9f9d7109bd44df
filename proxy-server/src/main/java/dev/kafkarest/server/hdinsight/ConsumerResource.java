package dev.kafkarest.server.hdinsight;

import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.consumer.PartitionRead;
import dev.kafkarest.core.consumer.PartitionReader;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.server.http.QueryValues;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v1/consumer/topics/{topic}/partitions/{partition}/offsets/{offset}?count=N}: the records from
 * {@code offset}, at most {@code count} (default 1) and at most 6 MB (the first record whatever its size),
 * answered at once, on the shared pool of reads by offset. Every 200 has {@code NextOffset}: the last
 * returned offset + 1, or the requested offset when nothing was returned.
 */
@Path("/v1/consumer/topics/{topic}/partitions/{partition}/offsets/{offset}")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsumerResource {
  /** HDInsight's cap on one answer. */
  static final long MAX_BYTES = 6L * 1024 * 1024;
  static final String NEXT_OFFSET = "NextOffset";

  private final PartitionReader reader;
  private final Responses responses;
  private final ResourceAccess access;

  ConsumerResource(PartitionReader reader, Responses responses, ResourceAccess access) {
    this.reader = reader;
    this.responses = responses;
    this.access = access;
  }

  @GET
  public CompletionStage<Response> consume(@PathParam("topic") String topic, @PathParam("partition") String partition,
      @PathParam("offset") String offset, @QueryParam("count") @Nullable String count,
      @Context SecurityContext security) {
    access.readTopic(RequestIdentity.of(security), topic);
    int id = HdInsightParams.partition(topic, partition);
    PartitionRead request = new PartitionRead(topic, id, PartitionRead.parseOffset(offset),
        QueryValues.count("count", count, 1, reader.settings().maxCount()), MAX_BYTES, 0);
    return responses.on(reader.read(request, EmbeddedFormat.BINARY, HdInsightRecordsWriter.FACTORY),
        batch -> Response.ok(batch.records(), MediaType.APPLICATION_JSON_TYPE)
            .header(HttpHeaders.CONTENT_LENGTH, batch.records().length)
            .header(NEXT_OFFSET, Long.toString(batch.nextOffset()))
            .build());
  }
}
