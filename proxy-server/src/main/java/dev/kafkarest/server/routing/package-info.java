/**
 * Where clients are sent: the absolute URLs the proxy hands out ({@link dev.kafkarest.server.routing.BaseUris}),
 * shared by every API version.
 */
@NullMarked
package dev.kafkarest.server.routing;

import org.jspecify.annotations.NullMarked;
