package dev.kafkarest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Drives request loops: closed loop over {@code c} connections (one thread each), or open loop at a
 * fixed rate on one connection. A run has a warm-up, then a measurement window; a request counts in
 * the window when it <em>completes</em> inside it, so slow requests do not inflate throughput.
 * Totals (warm-up included) are kept for the correctness checks.
 */
final class LoadRun {
  private LoadRun() {}

  /** One client connection (an HTTP keep-alive connection, or a native producer). */
  interface Client extends AutoCloseable {
    /** Sends one request; {@return the records it acknowledged}; throws for a failed request. */
    int call() throws Exception;

    /** {@return per-record errors seen so far (records rejected inside a 200 response)} */
    default long recordErrors() {
      return 0;
    }

    @Override
    default void close() {}
  }

  /** Opens one client per connection. */
  interface ClientFactory {
    Client open() throws Exception;
  }

  /** What a run measured. Latencies are in microseconds. */
  record Result(double seconds, long requests, long records, Histogram latency, long totalRequests,
      long totalRecords, long failedRequests, long recordErrors, @Nullable String firstFailure, Usage usage) {
    double requestsPerSecond() {
      return requests / seconds;
    }

    double recordsPerSecond() {
      return records / seconds;
    }
  }

  static Histogram histogram() {
    return new Histogram(1, TimeUnit.SECONDS.toMicros(300), 3);
  }

  private static final class Worker implements Runnable {
    private final ClientFactory factory;
    long measureStart;
    long measureEnd;
    private final Histogram latency = histogram();
    long requests;
    long records;
    long totalRequests;
    long totalRecords;
    long failed;
    long recordErrors;
    @Nullable String firstFailure;
    private @Nullable Client client;

    Worker(ClientFactory factory) {
      this.factory = factory;
    }

    void open() throws Exception {
      client = factory.open();
    }

    @Override
    public void run() {
      Client c = client;
      if (c == null) {
        return;
      }
      try (c) {
        while (true) {
          long t0 = System.nanoTime();
          if (t0 >= measureEnd) {
            break;
          }
          int acked;
          try {
            acked = c.call();
          } catch (Exception e) {
            failed++;
            if (firstFailure == null) {
              firstFailure = e.toString();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            continue;
          }
          long t1 = System.nanoTime();
          totalRequests++;
          totalRecords += acked;
          if (t1 >= measureStart && t1 < measureEnd) {
            requests++;
            records += acked;
            latency.recordValue(Math.max(1, (t1 - t0) / 1_000));
          }
        }
        recordErrors = c.recordErrors();
      } catch (Exception e) {
        if (firstFailure == null) {
          firstFailure = "close: " + e;
        }
      }
    }
  }

  /** Runs {@code connections} closed loops for {@code warmupNanos + measureNanos}. */
  static Result closedLoop(ClientFactory factory, int connections, long warmupNanos, long measureNanos,
      Supplier<Usage.Meter> meter) throws Exception {
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Worker worker = new Worker(factory);
      worker.open();
      workers.add(worker);
    }
    long measureStart = System.nanoTime() + warmupNanos;
    long measureEnd = measureStart + measureNanos;
    for (Worker worker : workers) {
      worker.measureStart = measureStart;
      worker.measureEnd = measureEnd;
    }
    for (int i = 0; i < connections; i++) {
      Thread thread = new Thread(workers.get(i), "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    sleepUntil(measureStart);
    Usage.Meter usageMeter = meter.get();
    sleepUntil(measureEnd);
    Usage usage = usageMeter.end();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
    return merge(workers, measureNanos, usage);
  }

  /**
   * Sends requests at {@code ratePerSecond} in total, open loop, over {@code connections} connections
   * (request i goes to connection i mod c, like wrk2 or autocannon -R). Each latency runs from the
   * request's scheduled time, so a slow response also counts against the requests queued behind it
   * (no coordinated omission).
   */
  static Result fixedRate(ClientFactory factory, double ratePerSecond, int connections, long warmupNanos,
      long measureNanos, Supplier<Usage.Meter> meter) throws Exception {
    long interval = (long) (1e9 / ratePerSecond);
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Worker worker = new Worker(factory);
      worker.open();
      workers.add(worker);
    }
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long measureStart = start + warmupNanos;
    long measureEnd = measureStart + measureNanos;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < connections; t++) {
      Worker w = workers.get(t);
      int first = t;
      Thread thread = new Thread(() -> {
        Client client = w.client;
        if (client == null) {
          return;
        }
        try (client) {
          for (long i = first; ; i += connections) {
            long scheduled = start + i * interval;
            if (scheduled >= measureEnd) {
              break;
            }
            sleepUntil(scheduled);
            int acked;
            try {
              acked = client.call();
            } catch (Exception e) {
              w.failed++;
              if (w.firstFailure == null) {
                w.firstFailure = e.toString();
              }
              continue;
            }
            long done = System.nanoTime();
            w.totalRequests++;
            w.totalRecords += acked;
            if (scheduled >= measureStart) {
              w.requests++;
              w.records += acked;
              w.latency.recordValue(Math.max(1, (done - scheduled) / 1_000));
            }
          }
          w.recordErrors = client.recordErrors();
        } catch (Exception e) {
          if (w.firstFailure == null) {
            w.firstFailure = "close: " + e;
          }
        }
      }, "rate-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    sleepUntil(measureStart);
    Usage.Meter usageMeter = meter.get();
    sleepUntil(measureEnd);
    Usage usage = usageMeter.end();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
    return merge(workers, measureNanos, usage);
  }

  private static Result merge(List<Worker> workers, long measureNanos, Usage usage) {
    Histogram latency = histogram();
    long requests = 0;
    long records = 0;
    long totalRequests = 0;
    long totalRecords = 0;
    long failed = 0;
    long recordErrors = 0;
    String firstFailure = null;
    for (Worker w : workers) {
      latency.add(w.latency);
      requests += w.requests;
      records += w.records;
      totalRequests += w.totalRequests;
      totalRecords += w.totalRecords;
      failed += w.failed;
      recordErrors += w.recordErrors;
      if (firstFailure == null) {
        firstFailure = w.firstFailure;
      }
    }
    return new Result(measureNanos / 1e9, requests, records, latency, totalRequests, totalRecords, failed,
        recordErrors, firstFailure, usage);
  }

  static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
