package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** One entry of a produce response: where a record landed, or why it did not. */
record ProduceOffset(
    @JsonProperty("partition") @Nullable Integer partition,
    @JsonProperty("offset") @Nullable Long offset,
    @JsonProperty("error_code") @Nullable Integer errorCode,
    @JsonProperty("error") @Nullable String error) {}
