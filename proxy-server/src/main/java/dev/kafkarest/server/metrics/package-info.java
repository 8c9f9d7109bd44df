/**
 * Metrics with Micrometer, served for Prometheus: the HTTP exchanges (per path template, method, status
 * and {@code error_code}), what the core reports through {@link dev.kafkarest.core.metrics.ProxyMetrics},
 * the JVM and process, and the shared producer's and Admin client's own metrics. No label holds a topic, a
 * principal or a raw path. {@link dev.kafkarest.server.metrics.ProxyMeters} owns the registry.
 */
@NullMarked
package dev.kafkarest.server.metrics;

import org.jspecify.annotations.NullMarked;
