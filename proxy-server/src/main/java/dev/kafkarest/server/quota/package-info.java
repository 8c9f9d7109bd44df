/**
 * Quotas over HTTP: {@link dev.kafkarest.server.quota.QuotaKeys} reads the settings into the core's
 * {@link dev.kafkarest.core.quota.QuotaSettings}, and {@link dev.kafkarest.server.quota.QuotaFeature}
 * registers a pre-matching filter that runs right after authentication, counts the produce and consumer-read
 * requests {@link dev.kafkarest.server.quota.QuotaRoutes} names against the core's
 * {@link dev.kafkarest.core.quota.QuotaGuard}, and answers a refusal with 429/42901 and {@code Retry-After}
 * before any body is read.
 */
@NullMarked
package dev.kafkarest.server.quota;

import org.jspecify.annotations.NullMarked;
