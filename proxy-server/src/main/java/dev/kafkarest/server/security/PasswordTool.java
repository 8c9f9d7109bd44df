package dev.kafkarest.server.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Prints a line for the users file ({@code authentication.basic.users.file}):
 * <pre>
 * java -cp kafka-rest-proxy.jar dev.kafkarest.server.security.PasswordTool [--pbkdf2] [--cost N] USER [ROLE,...]
 * </pre>
 * The password is asked twice on the console or, without one, read as the first line of standard input.
 * The hash is bcrypt ({@code $2y$}, cost 10 unless {@code --cost} says otherwise) or, with
 * {@code --pbkdf2}, PBKDF2-HMAC-SHA256 ({@code --cost} is then the iteration count, 600000 by default).
 */
public final class PasswordTool {
  static final int DEFAULT_BCRYPT_COST = 10;
  private static final Pattern NAME = Pattern.compile("[^:,\\s#][^:,\\s]*");
  private static final String USAGE = "usage: PasswordTool [--pbkdf2] [--cost N] USER [ROLE,...]";

  /** Reads the password; null when there is none. */
  @FunctionalInterface
  interface PasswordReader {
    @Nullable String read() throws IOException;
  }

  private PasswordTool() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), PasswordTool::readPassword, System.out, System.err));
  }

  /** {@return the exit status: 0 when a line was printed, 2 for bad usage, 1 for no password} */
  static int run(List<String> args, PasswordReader reader, PrintStream out, PrintStream err) {
    boolean pbkdf2 = false;
    Integer cost = null;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--pbkdf2")) {
        pbkdf2 = true;
      } else if (arg.equals("--cost") && i + 1 < args.size()) {
        try {
          cost = Integer.parseInt(args.get(++i));
        } catch (NumberFormatException e) {
          err.println("--cost needs a number");
          return 2;
        }
      } else if (arg.startsWith("-")) {
        err.println(USAGE);
        return 2;
      } else {
        positional.add(arg);
      }
    }
    if (positional.isEmpty() || positional.size() > 2 || !NAME.matcher(positional.get(0)).matches()) {
      err.println(USAGE + "\n(a user name has no ':', ',' or whitespace)");
      return 2;
    }
    List<String> roles = positional.size() == 2
        ? Arrays.stream(positional.get(1).split(",")).map(String::strip).filter(role -> !role.isEmpty()).toList()
        : List.of();
    if (roles.stream().anyMatch(role -> !NAME.matcher(role).matches())) {
      err.println("a role has no ':', ',' or whitespace");
      return 2;
    }
    String password;
    try {
      password = reader.read();
    } catch (IOException e) {
      err.println("cannot read the password: " + e.getMessage());
      return 1;
    }
    if (password == null || password.isEmpty()) {
      err.println("no password given");
      return 1;
    }
    String hash;
    try {
      hash = pbkdf2
          ? StoredPassword.Pbkdf2.hash(password, cost == null ? StoredPassword.Pbkdf2.DEFAULT_ITERATIONS : cost).encoded()
          : StoredPassword.Bcrypt.hash(password, cost == null ? DEFAULT_BCRYPT_COST : cost).hash();
    } catch (IllegalArgumentException e) {
      err.println("invalid cost: " + e.getMessage());
      return 2;
    }
    out.println(positional.get(0) + ":" + hash + (roles.isEmpty() ? "" : "," + String.join(",", roles)));
    return 0;
  }

  private static @Nullable String readPassword() throws IOException {
    Console console = System.console();
    if (console == null) {
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
      return stdin.readLine();
    }
    char[] first = console.readPassword("Password: ");
    char[] second = console.readPassword("Again: ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw new IOException("the passwords differ");
    }
    return new String(first);
  }
}
