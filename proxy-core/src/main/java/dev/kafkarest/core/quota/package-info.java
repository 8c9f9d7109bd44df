/**
 * Quotas: how many requests and bytes a client may send (produce) and receive (consume) per second, with
 * per-principal overrides, and a cap on produce bytes in flight over all clients. {@link
 * dev.kafkarest.core.quota.QuotaGuard} keeps a Bucket4j token bucket per client and measure, timed by an
 * injected Caffeine {@code Ticker}, and answers each check with a {@link
 * dev.kafkarest.core.quota.QuotaDecision} carrying the {@code Retry-After} seconds of a refusal. Bytes known
 * only after the fact (a consumer read's response) are charged as debt that the next request waits off.
 */
@NullMarked
package dev.kafkarest.core.quota;

import org.jspecify.annotations.NullMarked;
