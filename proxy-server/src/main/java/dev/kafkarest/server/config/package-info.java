/**
 * The proxy's configuration: a properties file using Confluent REST Proxy's names, overridden by
 * {@code KAFKA_REST_*} environment variables ({@link dev.kafkarest.server.config.EnvironmentSource}),
 * validated at start-up so that a bad value stops the process with a message naming the key.
 *
 * <p>Words used here: a <em>key</em> is a name defined by one of the {@code *Keys} classes (one
 * {@code ConfigDef} group per concern, listed in {@link dev.kafkarest.server.config.ProxyConfigDef}); a
 * {@code *Settings} record is the typed view of one concern, read from
 * {@link dev.kafkarest.server.config.ProxyConfig}; Kafka client <em>properties</em> are the maps handed
 * to Kafka clients ({@link dev.kafkarest.server.config.ClientSettings}).
 */
@NullMarked
package dev.kafkarest.server.config;

import org.jspecify.annotations.NullMarked;
