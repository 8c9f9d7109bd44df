package dev.kafkarest.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExchangeStateTest {

  @Test
  void whenWritten_notDeferred_recordsAtOnce() {
    ExchangeState state = new ExchangeState();
    AtomicInteger records = new AtomicInteger();

    state.whenWritten(records::incrementAndGet);

    assertEquals(1, records.get());
  }

  @Test
  void whenWritten_deferred_recordsOnceWhenTheBodyIsWritten() {
    ExchangeState state = new ExchangeState();
    AtomicInteger records = new AtomicInteger();
    Runnable written = state.defer();

    state.whenWritten(records::incrementAndGet);
    assertEquals(0, records.get(), "Jersey is done, the body is not");
    written.run();
    written.run();

    assertEquals(1, records.get());
  }

  @Test
  void whenWritten_bodyWrittenBeforeJerseyIsDone_recordsWhenJerseyIs() {
    ExchangeState state = new ExchangeState();
    AtomicInteger records = new AtomicInteger();
    state.defer().run();

    state.whenWritten(records::incrementAndGet);

    assertEquals(1, records.get());
  }

  @Test
  void countRead_peekThenReadAll_countsEachByteOnce() throws Exception {
    ExchangeState state = new ExchangeState();
    InputStream in = state.countRead(new BufferedInputStream(new ByteArrayInputStream(new byte[10])));

    in.mark(1);
    in.read();
    in.reset();
    in.readAllBytes();

    assertEquals(10, state.requestBytes());
  }

  @Test
  void countWritten_singleBytesAndArrays_countsAll() throws Exception {
    ExchangeState state = new ExchangeState();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = state.countWritten(sink);

    out.write('x');
    out.write(new byte[20], 5, 7);

    assertEquals(8, state.responseBytes());
    assertEquals(8, sink.size());
  }
}
