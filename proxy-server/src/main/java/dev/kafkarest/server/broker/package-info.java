/**
 * The embedded Kafka broker used when no cluster is configured: a real single-node KRaft broker from
 * Apache Kafka's own jars, run as a child JVM so that its dependencies stay off the proxy's class path.
 */
@NullMarked
package dev.kafkarest.server.broker;

import org.jspecify.annotations.NullMarked;
