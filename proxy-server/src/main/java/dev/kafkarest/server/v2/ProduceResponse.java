package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of a produce response; schema ids are null for the binary and json formats. It is written by
 * {@link ProduceResponseWriter}, which must follow any change here; its test compares it with databind.
 */
record ProduceResponse(
    @JsonProperty("offsets") List<ProduceOffset> offsets,
    @JsonProperty("key_schema_id") @Nullable Integer keySchemaId,
    @JsonProperty("value_schema_id") @Nullable Integer valueSchemaId) {}
