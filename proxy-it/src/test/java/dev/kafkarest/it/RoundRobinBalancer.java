package dev.kafkarest.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP load balancer on loopback, like HAProxy in {@code mode tcp} with {@code balance roundrobin}:
 * each new connection goes to the next backend; a backend that refuses the connection is skipped (a
 * passive health check). It knows nothing of HTTP, instances or nodes. {@link #connections()} says which
 * backend each connection went to, in order.
 */
public final class RoundRobinBalancer implements Balancer {
  private final List<URI> backends;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "balancer");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicInteger next = new AtomicInteger();
  private final List<Integer> connections = new CopyOnWriteArrayList<>();

  public RoundRobinBalancer(List<URI> backends) {
    this.backends = List.copyOf(backends);
    try {
      this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::acceptLoop);
  }

  @Override
  public URI uri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  @Override
  public String kind() {
    return "the tests' own round-robin TCP balancer";
  }

  @Override
  public List<Integer> connections() {
    return List.copyOf(connections);
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing.
    }
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        // As HAProxy and nginx do: a relayed small write must not wait for the previous one's acknowledgement.
        client.setTcpNoDelay(true);
        threads.execute(() -> relay(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void relay(Socket client) {
    for (int attempt = 0; attempt < backends.size(); attempt++) {
      int index = Math.floorMod(next.getAndIncrement(), backends.size());
      URI backend = backends.get(index);
      Socket server = new Socket();
      try {
        server.setTcpNoDelay(true);
        server.connect(new InetSocketAddress(backend.getHost(), backend.getPort()), 1_000);
      } catch (IOException refused) {
        closeQuietly(server);
        continue;
      }
      connections.add(index);
      threads.execute(() -> pipe(client, server));
      pipe(server, client);
      return;
    }
    closeQuietly(client);
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // One side went away; close both below.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing.
    }
  }
}
