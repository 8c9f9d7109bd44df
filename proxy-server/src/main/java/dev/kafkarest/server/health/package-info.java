/**
 * The health probes: liveness (the process serves requests; never calls Kafka) and readiness (Kafka answers
 * a bounded metadata request and the producer can take records), at configurable paths and open when
 * authentication is on (they are {@code authentication.skip.paths} by default). Readiness results are reused
 * for {@code health.readiness.cache.ms} and no request thread ever waits on Kafka.
 */
@NullMarked
package dev.kafkarest.server.health;

import org.jspecify.annotations.NullMarked;
