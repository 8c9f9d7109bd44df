package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void toString_namesTheSchemeNotTheCredentials() {
    assertEquals("Credentials[authorization scheme Basic, 0 certificates]",
        Credentials.header("Basic YWxpY2U6YWxpY2Utc2VjcmV0").toString());
    assertEquals("Credentials[authorization scheme none, 0 certificates]", Credentials.header(null).toString());
  }
}
