package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingUserStoreTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final String ALICE = "alice:" + StoredPassword.Bcrypt.hash("alice-pw", 4).hash() + ",admin";
  private static final String BOB = "bob:" + StoredPassword.Bcrypt.hash("bob-pw", 4).hash();

  @TempDir
  Path dir;

  private final FakeTime time = new FakeTime();

  private Path write(String content, Instant modified) throws IOException {
    Path file = dir.resolve("users");
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private ReloadingUserStore store(Path file) {
    return new ReloadingUserStore(file, UsersFile::readHashed, INTERVAL, time);
  }

  @Test
  void find_usersFile_givesHashesAndRoles() throws IOException {
    ReloadingUserStore store = store(write("# users\n\n" + ALICE + "\n  " + BOB + "  \n", Instant.EPOCH));

    UserEntry alice = store.find("alice");
    assertNotNull(alice);
    assertTrue(alice.password().matches("alice-pw"));
    assertEquals(Set.of("admin"), alice.roles());
    assertEquals(Set.of(), store.find("bob").roles());
    assertNull(store.find("carol"));
    assertSame(alice.password(), store.decoy());
  }

  @Test
  void find_fileChanged_isReloadedOnlyAfterTheInterval() throws IOException {
    Path file = write(ALICE + "\n", Instant.EPOCH);
    ReloadingUserStore store = store(file);
    UserEntry before = store.find("alice");

    write(BOB + "\n", Instant.EPOCH.plusSeconds(5));
    time.advance(INTERVAL.minusSeconds(1));
    assertSame(before, store.find("alice"));
    assertNull(store.find("bob"));

    time.advance(Duration.ofSeconds(1));
    assertNull(store.find("alice"));
    assertNotNull(store.find("bob"));
  }

  @Test
  void find_fileUnchanged_keepsTheSameEntries() throws IOException {
    ReloadingUserStore store = store(write(ALICE + "\n", Instant.EPOCH));
    UserEntry before = store.find("alice");

    time.advance(INTERVAL.multipliedBy(3));

    assertSame(before, store.find("alice"));
  }

  @Test
  void find_fileBrokenOrDeleted_keepsThePreviousUsers() throws IOException {
    Path file = write(ALICE + "\n", Instant.EPOCH);
    ReloadingUserStore store = store(file);

    write("alice:plaintext-password\n", Instant.EPOCH.plusSeconds(5));
    time.advance(INTERVAL);
    assertNotNull(store.find("alice"));

    Files.delete(file);
    time.advance(INTERVAL);
    assertNotNull(store.find("alice"));

    write(BOB + "\n", Instant.EPOCH.plusSeconds(9));
    time.advance(INTERVAL);
    assertNotNull(store.find("bob"));
  }

  @Test
  void create_invalidLine_failsNamingTheLineButNotItsContent() throws IOException {
    Path file = write(ALICE + "\nbob:hunter2\n", Instant.EPOCH);

    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> store(file));

    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void create_missingFileOrRepeatedUser_fails() throws IOException {
    assertThrows(InvalidConfigException.class, () -> store(dir.resolve("absent")));
    Path twice = write(ALICE + "\n" + ALICE + "\n", Instant.EPOCH);
    assertThrows(InvalidConfigException.class, () -> store(twice));
  }
}
