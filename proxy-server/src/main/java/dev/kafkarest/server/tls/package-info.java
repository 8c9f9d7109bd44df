/**
 * TLS for the HTTP listeners: Confluent's {@code ssl.*} settings, keystores and truststores (PKCS12, JKS
 * or PEM) and the server-side SSL engine configuration, including client-certificate authentication.
 */
@NullMarked
package dev.kafkarest.server.tls;

import org.jspecify.annotations.NullMarked;
