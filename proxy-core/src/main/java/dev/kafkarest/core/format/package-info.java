/**
 * Embedded formats and their codecs: how a record's key and value bytes appear inside the v2 JSON
 * envelope. {@code binary} carries base64 strings, {@code json} carries the JSON value itself. The codecs
 * work on Jackson's streaming API so that produce and consume never build a JSON tree on the hot path.
 */
@NullMarked
package dev.kafkarest.core.format;

import org.jspecify.annotations.NullMarked;
