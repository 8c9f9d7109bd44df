/**
 * Confluent's API v3, the subset dashboards and operators use: clusters, brokers, topics and their configs,
 * partitions and their offsets, consumer groups, their consumers, assignments and lags. Every response
 * has Confluent's shape ({@code kind}, {@code metadata} with {@code self} and {@code resource_name}, the
 * fields, {@code related} links; lists as {@code kind}, {@code metadata}, {@code data}), with links built
 * by {@link dev.kafkarest.server.v3.Links} from the request. Resources check access first
 * ({@link dev.kafkarest.core.access.ResourceAccess}), then call the core ({@code core.admin}, {@code core.group})
 * and render on a response thread; they hold no state of their own.
 */
@NullMarked
package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.ResourceAccess;
import org.jspecify.annotations.NullMarked;
