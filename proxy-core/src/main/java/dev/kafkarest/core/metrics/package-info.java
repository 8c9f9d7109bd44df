/**
 * What the core reports for metrics: {@link dev.kafkarest.core.metrics.ProxyMetrics}, an interface the
 * services take by constructor and call once per response or lifecycle event, never per record. It is
 * no-op by default; the server implements it with its metrics library.
 */
@NullMarked
package dev.kafkarest.core.metrics;

import org.jspecify.annotations.NullMarked;
