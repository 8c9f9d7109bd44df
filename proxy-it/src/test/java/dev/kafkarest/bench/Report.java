package dev.kafkarest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The results of a run: one markdown table per scenario, the targets with MET / NOT MET, the
 * correctness checks, and the data of the throughput chart.
 */
final class Report {
  private final BenchOptions options;
  private final StringBuilder header = new StringBuilder();
  private final List<String> sections = new ArrayList<>();
  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  /** P1/P2 points for the chart: series name → (records per request → records/s). */
  final Map<String, Map<Integer, Double>> chart = new LinkedHashMap<>();
  double nativeProducerRate = Double.NaN;

  /** A target from the issue: met is null when its scenario did not run. */
  record Target(String id, String what, String required, String measured, @Nullable Boolean met) {}

  Report(BenchOptions options) {
    this.options = options;
    target("P1", "P1 binary, N=100, c=16: proxy rec/s vs native producer", "≥ 50 % of native", "not run", null);
    target("P1-auth", "P1-auth binary, N=100, c=16: bearer + quota rec/s vs anonymous (same run)",
        "≥ 90 % of anonymous", "not run", null);
    target("P2", "P2 json, N=100, c=16: proxy rec/s vs native producer", "≥ 40 % of native", "not run", null);
    target("P3", "P3 single record, c=1, proxy producer linger.ms=0: p50 and p99",
        "p50 ≤ native send().get() p50 + 1 ms, p99 < 10 ms", "not run", null);
    target("C1", "C1 drain at max_bytes=1 MB: proxy rec/s vs native consumer", "≥ 50 % of native", "not run", null);
    target("C2", "C2 tail, end-to-end p50 through the proxy", "< 20 ms", "not run", null);
    target("C3", "C3 1,000 instances: proxy-own threads, RSS, create/subscribe/delete p99",
        "threads bounded, RSS < 2 GiB, each p99 < 50 ms", "not run", null);
    target("C3-idle", "C3 1,000 idle instances long-polling (timeout=1000): steady proxy CPU, polls on time",
        "< 30 % of one core, poll p99 < 1,100 ms", "not run", null);
  }

  void header(String text) {
    header.append(text).append('\n');
  }

  void target(String id, String what, String required, String measured, @Nullable Boolean met) {
    targets.put(id, new Target(id, what, required, measured, met));
  }

  void section(String title, Table table, String notes) {
    sections.add("## " + title + "\n\n" + table.markdown() + (notes.isEmpty() ? "" : "\n" + notes.strip() + "\n"));
  }

  /** A correctness check that failed (a wrong count, a per-record error, a failed request). */
  void failure(String text) {
    failures.add(text);
  }

  boolean hasFailures() {
    return !failures.isEmpty();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Proxy vs native Kafka clients\n\n").append(header).append('\n');
    md.append("## Targets\n\n");
    Table t = new Table("target", "required", "measured", "result");
    for (Target target : targets.values()) {
      t.row(target.what(), target.required(), target.measured(),
          target.met() == null ? "SKIPPED" : target.met() ? "**MET**" : "**NOT MET**");
    }
    md.append(t.markdown()).append('\n');
    md.append("## Correctness\n\n");
    if (failures.isEmpty()) {
      md.append("All checks passed: topic end-offset deltas equal the records acknowledged, no per-record "
          + "errors, no failed requests, every record consumed exactly once with the expected contents.\n\n");
    } else {
      for (String failure : failures) {
        md.append("- FAILED: ").append(failure).append('\n');
      }
      md.append('\n');
    }
    for (String section : sections) {
      md.append(section).append('\n');
    }
    return md.toString();
  }

  void write() throws IOException {
    Files.createDirectories(options.out());
    Files.writeString(options.out().resolve("results.md"), markdown());
    if (!chart.isEmpty()) {
      Files.writeString(options.out().resolve("produce-throughput.svg"), SvgChart.render(chart, nativeProducerRate));
    }
  }

  /** A markdown table. */
  static final class Table {
    private final String[] headers;
    private final List<Object[]> rows = new ArrayList<>();

    Table(String... headers) {
      this.headers = headers;
    }

    /** Adds a row; a cell may be a {@code Supplier}, rendered only when the table is (for late values). */
    void row(Object... cells) {
      rows.add(cells.clone());
    }

    /** A column is right-aligned when every cell in it is a number (or a dash). */
    private boolean numeric(int column) {
      if (column == 0) {
        return false;
      }
      for (Object[] row : rows) {
        Object cell = row.length > column ? row[column] : "";
        String text = String.valueOf(cell instanceof java.util.function.Supplier<?> late ? late.get() : cell);
        if (!text.matches("[—+\\-]|[+\\-]?[0-9][0-9.,]*( (%|ms|MB|KB))?( / [0-9.,—]+)?")) {
          return false;
        }
      }
      return true;
    }

    String markdown() {
      StringBuilder md = new StringBuilder("| ").append(String.join(" | ", headers)).append(" |\n|");
      for (int i = 0; i < headers.length; i++) {
        md.append(numeric(i) ? "---:" : "---").append('|');
      }
      md.append('\n');
      for (Object[] row : rows) {
        md.append('|');
        for (Object cell : row) {
          md.append(' ').append(cell instanceof java.util.function.Supplier<?> late ? late.get() : cell).append(" |");
        }
        md.append('\n');
      }
      return md.toString();
    }
  }

  // ---- formatting -------------------------------------------------------------------------------

  static String count(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String mb(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.2f", bytesPerSecond / 1e6);
  }

  static String pct(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
  }

  static String ratio(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(Locale.ROOT, "%.1f %%", value * 100);
  }

  static String mib(long bytes) {
    return bytes <= 0 ? "—" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
  }

  /** {@return a latency percentile of a microsecond histogram, in milliseconds} */
  static String ms(Histogram histogram, double percentile) {
    if (histogram.getTotalCount() == 0) {
      return "—";
    }
    return ms(histogram.getValueAtPercentile(percentile) / 1000.0);
  }

  static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "—";
    }
    return millis < 10 ? String.format(Locale.ROOT, "%.2f", millis) : String.format(Locale.ROOT, "%.1f", millis);
  }

  static double millis(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
