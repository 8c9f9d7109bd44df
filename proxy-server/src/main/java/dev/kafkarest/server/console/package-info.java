/**
 * The browser console at {@code /console}: static HTML, CSS and JavaScript from this module's resources,
 * served from memory with a Content-Security-Policy that allows only its own assets. The page calls the
 * proxy's own API with the credentials its user enters, so every Kafka operation is authorized as for any
 * other client; the assets themselves carry no data and need no permission.
 */
@NullMarked
package dev.kafkarest.server.console;

import org.jspecify.annotations.NullMarked;
