package dev.kafkarest.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time, resident memory and threads of one process, read from {@code /proc/<pid>}.
 *
 * <p>Thread names come from {@code /proc/<pid>/task/<tid>/comm} (the kernel keeps 15 characters).
 * The proxy's own threads are those named {@code proxy-*} (workers, response, consumer lanes, timer)
 * and {@code grizzly*} (selectors); Kafka client threads start with {@code kafka} (producer network
 * thread, Admin thread, consumer heartbeat threads) or {@code consumer_} (the new consumer's background
 * thread); everything else is the JVM's (GC, JIT, common pool, ...).
 */
final class ProcessStats {
  /** Linux clock ticks per second for {@code utime}/{@code stime}; 100 on every mainstream kernel. */
  private static final long CLOCK_TICKS = 100;

  private final long pid;
  private final Path proc;

  ProcessStats(long pid) {
    this.pid = pid;
    this.proc = Path.of("/proc", Long.toString(pid));
  }

  static ProcessStats self() {
    return new ProcessStats(ProcessHandle.current().pid());
  }

  long pid() {
    return pid;
  }

  boolean alive() {
    return Files.isDirectory(proc);
  }

  /** {@return user + system CPU time in nanoseconds (10 ms resolution), or 0 when unknown} */
  long cpuNanos() {
    try {
      return ticks(Files.readString(proc.resolve("stat"))) * 1_000_000_000L / CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * {@return the user + system CPU time of the JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2
   *     CompilerThread*}) in nanoseconds (10 ms resolution), or 0 when unknown}
   */
  long compilerCpuNanos() {
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).trim();
          if (name.matches("C[12] CompilerThre.*")) {
            ticks += ticks(Files.readString(task.resolve("stat")));
          }
        } catch (IOException | RuntimeException gone) {
          // the thread ended
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return ticks * 1_000_000_000L / CLOCK_TICKS;
  }

  /** {@return user + system clock ticks of a {@code stat} file's line (process or thread)} */
  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** {@return the resident set size in bytes} */
  long rssBytes() {
    return statusKb("VmRSS:") * 1024;
  }

  /** {@return the peak resident set size in bytes} */
  long peakRssBytes() {
    return statusKb("VmHWM:") * 1024;
  }

  private long statusKb(String key) {
    try {
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return 0;
  }

  /** The process's threads, grouped. */
  record ThreadCensus(int own, int kafka, int jvm, Map<String, Integer> byName) {
    int total() {
      return own + kafka + jvm;
    }

    /** {@return the names with digits folded, most frequent first, e.g. "kafka-coordinat ×1000"} */
    String summary(int limit) {
      StringBuilder text = new StringBuilder();
      byName.entrySet().stream()
          .sorted((a, b) -> b.getValue() - a.getValue())
          .limit(limit)
          .forEach(e -> text.append(text.length() == 0 ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue()));
      return text.toString();
    }
  }

  ThreadCensus threads() {
    int own = 0;
    int kafka = 0;
    int jvm = 0;
    Map<String, Integer> byName = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        String name;
        try {
          name = Files.readString(task.resolve("comm")).trim();
        } catch (IOException gone) {
          continue;
        }
        if (name.startsWith("proxy-") || name.startsWith("grizzly")) {
          own++;
        } else if (name.startsWith("kafka") || name.startsWith("consumer_")) {
          kafka++;
        } else {
          jvm++;
        }
        byName.merge(name.replaceAll("[0-9]+", "N"), 1, Integer::sum);
      }
    } catch (IOException | RuntimeException e) {
      // process gone
    }
    return new ThreadCensus(own, kafka, jvm, byName);
  }
}
