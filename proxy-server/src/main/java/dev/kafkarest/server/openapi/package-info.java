/**
 * The API description: the hand-written OpenAPI document ({@code openapi/openapi.yaml} on the class path),
 * served as YAML and as JSON by a Jersey {@link jakarta.ws.rs.core.Feature}.
 */
@NullMarked
package dev.kafkarest.server.openapi;

import org.jspecify.annotations.NullMarked;
