package dev.kafkarest.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class ExchangeStateTest {

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
