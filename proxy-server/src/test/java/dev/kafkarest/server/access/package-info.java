/** Test support for the authorization tests of every API. */
@NullMarked
package dev.kafkarest.server.access;

import org.jspecify.annotations.NullMarked;
