package dev.kafkarest.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Confluent's error body: {@code {"error_code": 40403, "message": "Consumer instance not found."}}. */
public record ErrorResponse(
    @JsonProperty("error_code") int errorCode,
    @JsonProperty("message") String message) {}
