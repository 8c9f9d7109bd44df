/**
 * The proxy's error model: a catalogue of Confluent-compatible error codes, the one exception type the
 * core throws, and the single translation from Kafka client exceptions to that catalogue. The HTTP layer
 * turns a {@link dev.kafkarest.core.error.ProxyException} into {@code {"error_code", "message"}}.
 */
@NullMarked
package dev.kafkarest.core.error;

import org.jspecify.annotations.NullMarked;
