/**
 * The process: {@link dev.kafkarest.server.Main} reads the configuration, starts the embedded broker when
 * no cluster is configured, and runs a {@link dev.kafkarest.server.ProxyServer}, the one composition root
 * that builds the Kafka clients, the core services, the Jersey application and the Grizzly listener.
 */
@NullMarked
package dev.kafkarest.server;

import org.jspecify.annotations.NullMarked;
