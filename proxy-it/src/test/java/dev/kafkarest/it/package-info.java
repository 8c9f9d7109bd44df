/**
 * Black-box integration tests: the proxy is started through {@code ProxyServer.start} against a real
 * broker and exercised only over HTTP, with a plain Kafka client to set up topics and to read back what
 * landed. {@link dev.kafkarest.it.ProxyTest} wires the shared broker and proxy into a test class.
 */
@NullMarked
package dev.kafkarest.it;

import org.jspecify.annotations.NullMarked;
