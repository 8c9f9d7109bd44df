package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordToolTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String password, String... args) {
    return PasswordTool.run(List.of(args), () -> password, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Map<String, UserEntry> usersFileOfOutput() throws IOException {
    Path file = Files.writeString(dir.resolve("users"), out.toString(StandardCharsets.UTF_8));
    return UsersFile.readHashed(file);
  }

  @Test
  void run_userAndRoles_printsABcryptLineTheUsersFileAccepts() throws IOException {
    assertEquals(0, run("s3cret pass", "--cost", "4", "alice", "admin,producers"));

    UserEntry alice = usersFileOfOutput().get("alice");
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("alice:$2y$04$"));
    assertTrue(alice.password().matches("s3cret pass"));
    assertEquals(Set.of("admin", "producers"), alice.roles());
  }

  @Test
  void run_pbkdf2_printsAPbkdf2Line() throws IOException {
    assertEquals(0, run("pw", "--pbkdf2", "--cost", "1000", "bob"));

    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("bob:$pbkdf2-sha256$1000$"));
    assertTrue(usersFileOfOutput().get("bob").password().matches("pw"));
  }

  @Test
  void run_badUsageOrNoPassword_printsNothingToStdout() {
    assertEquals(2, run("pw"));
    assertEquals(2, run("pw", "al:ice"));
    assertEquals(2, run("pw", "--cost", "99", "alice"));
    assertEquals(1, run("", "alice"));
    assertEquals(1, PasswordTool.run(List.of("alice"), () -> null, new PrintStream(out), new PrintStream(err)));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
