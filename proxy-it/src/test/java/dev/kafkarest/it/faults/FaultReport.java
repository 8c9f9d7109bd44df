package dev.kafkarest.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each fault scenario's figures, as one Markdown table row, to {@code fault-report.md} under
 * {@code java.io.tmpdir} (the module's {@code target/}), and prints it.
 */
final class FaultReport {
  private FaultReport() {}

  static synchronized void row(String scenario, String figures) {
    String line = "| " + scenario + " | " + figures + " |";
    System.out.println("[fault-report] " + line);
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "fault-report.md");
    try {
      Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** {@return the scale of the load phases: 1 by default, more with {@code -Dfaults.scale} (-Pfaults-long)} */
  static int scale() {
    return Math.max(1, Integer.getInteger("faults.scale", 1));
  }
}
