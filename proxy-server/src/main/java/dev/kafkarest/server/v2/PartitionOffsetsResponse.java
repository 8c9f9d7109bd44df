package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /topics/{topic}/partitions/{partition}/offsets}. */
record PartitionOffsetsResponse(
    @JsonProperty("beginning_offset") long beginningOffset,
    @JsonProperty("end_offset") long endOffset) {}
