package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import org.glassfish.grizzly.nio.transport.TCPNIOConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LargeBodiesTest {
  private final TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance().build();
  private final SocketChannel channel;
  private final TCPNIOConnection connection;

  LargeBodiesTest() throws IOException {
    channel = SocketChannel.open();
    connection = new TCPNIOConnection(transport, channel);
  }

  @AfterEach
  void close() throws IOException {
    channel.close();
  }

  @Test
  void queueWholeBody_limitBelowTheBody_raisesItUntilTheBodyIsHandedOver() {
    connection.setMaxAsyncWriteQueueSize(65_536);

    Runnable restore = LargeBodies.queueWholeBody(connection, 2_000_000);
    assertEquals(2_000_000, connection.getMaxAsyncWriteQueueSize());

    restore.run();
    assertEquals(65_536, connection.getMaxAsyncWriteQueueSize());
  }

  @Test
  void queueWholeBody_limitAboveTheBodyOrNone_leavesIt() {
    connection.setMaxAsyncWriteQueueSize(8_000_000);
    LargeBodies.queueWholeBody(connection, 2_000_000).run();
    assertEquals(8_000_000, connection.getMaxAsyncWriteQueueSize());

    connection.setMaxAsyncWriteQueueSize(-1);
    LargeBodies.queueWholeBody(connection, 2_000_000);
    assertEquals(-1, connection.getMaxAsyncWriteQueueSize(), "no limit stays no limit");
  }
}
