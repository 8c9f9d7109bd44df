/**
 * What happened to each HTTP exchange, recorded once it is answered and written: method, path template,
 * status, {@code error_code}, latency, bytes in and out, principal, client address and request id (an
 * {@link dev.kafkarest.server.exchange.Exchange}). {@link dev.kafkarest.server.exchange.ExchangeFeature}
 * records exchanges and hands each to its listeners: the {@link dev.kafkarest.server.exchange.AccessLog}
 * and the HTTP meters. It also gives every response an {@code X-Request-Id}.
 */
@NullMarked
package dev.kafkarest.server.exchange;

import org.jspecify.annotations.NullMarked;
