package dev.kafkarest.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Prometheus text exposition (format 0.0.4, and the sample lines of OpenMetrics): every sample with
 * its name, labels and value. Comment lines are skipped. For tests: asserting series after known traffic.
 */
public final class PrometheusText {
  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /**
   * {@return the samples of an exposition}
   *
   * @throws IllegalArgumentException naming the line that is not a valid sample
   */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line));
      }
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** {@return the samples of a name whose labels include all of {@code labels}} */
  public List<Sample> matching(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  /** {@return the sum of the values of the matching samples; 0 when none match} */
  public double sum(String name, Map<String, String> labels) {
    return matching(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  /** {@return whether any sample has this name} */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("No metric name: " + line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int equals = line.indexOf('=', i);
        String label = line.substring(i, equals);
        if (line.charAt(equals + 1) != '"') {
          throw new IllegalArgumentException("Unquoted label value: " + line);
        }
        StringBuilder value = new StringBuilder();
        int j = equals + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char escaped = line.charAt(++j);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    String[] rest = line.substring(i).trim().split(" ");
    return new Sample(name, labels, value(rest[0], line));
  }

  private static double value(String text, String line) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("Not a sample value: " + line, e);
        }
      }
    };
  }
}
