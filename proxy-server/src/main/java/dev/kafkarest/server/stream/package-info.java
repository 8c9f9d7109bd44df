/**
 * Streamed reads: records written to one long response as they arrive, as server-sent events or
 * NDJSON ({@code docs/streaming.md}). A stream loops over a {@link dev.kafkarest.server.stream.RecordSource}
 * (the next batch from its position: a consumer instance's long-poll read today), reads again only when
 * its socket can take more, and never holds a thread while it waits for records or for its reader.
 * A large records body of an ordinary read is written by the same means, as a stream that ends
 * ({@link dev.kafkarest.server.stream.LargeBodies}).
 */
@NullMarked
package dev.kafkarest.server.stream;

import org.jspecify.annotations.NullMarked;
