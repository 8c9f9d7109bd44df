/**
 * The proxy's settings: a properties file using Confluent REST Proxy's names, overridden by
 * {@code KAFKA_REST_*} environment variables, validated at start-up so that a bad setting stops the
 * process with a message naming the key.
 */
@NullMarked
package dev.kafkarest.server.config;

import org.jspecify.annotations.NullMarked;
