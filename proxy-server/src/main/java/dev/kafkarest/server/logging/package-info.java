/**
 * The process's logging, through Logback: {@link dev.kafkarest.server.logging.LoggingKeys} reads the levels
 * (Confluent's image names: {@code log4j.root.loglevel}, {@code log4j.loggers}, so that
 * {@code KAFKA_REST_LOG4J_ROOT_LOGLEVEL} and {@code KAFKA_REST_LOG4J_LOGGERS} work as there) and the line format,
 * and {@link dev.kafkarest.server.logging.Logging} applies them at start over the defaults of
 * {@code logback.xml}. {@link dev.kafkarest.server.logging.JsonLineEncoder} writes one JSON object per line.
 */
@NullMarked
package dev.kafkarest.server.logging;

import org.jspecify.annotations.NullMarked;
