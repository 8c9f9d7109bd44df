/**
 * A reproducible benchmark of the proxy against native Kafka clients on the same broker in the same
 * run: see {@link dev.kafkarest.bench.Benchmark} and {@code docs/benchmarks.md}. Test scope only; run
 * with {@code ./mvnw -B -Pbench -pl proxy-it -am verify -DskipTests}.
 */
@NullMarked
package dev.kafkarest.bench;

import org.jspecify.annotations.NullMarked;
