package dev.kafkarest.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.config.types.Password;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.Test;

class ForwardedCallFilterTest {
  private static final Identity ALICE = Identity.of("alice", Set.of("readers"));

  private final NodeSignature signature = new NodeSignature(new Password("s".repeat(40)), Clock.systemUTC(),
      new ObjectMapper());
  private final ForwardedCallFilter filter = new ForwardedCallFilter(signature);

  @Test
  void filter_signedInstanceCall_takesTheForwardedIdentity() {
    ContainerRequest call = signed("GET", "/consumers/g/instances/i/records?timeout=10");

    filter.filter(call);

    assertEquals(Boolean.TRUE, call.getProperty(ForwardedCallFilter.FORWARDED));
    assertEquals("alice", RequestIdentity.of(call).name());
  }

  @Test
  void filter_signedCallOutsideTheConsumerInstances_isRefused() {
    for (String path : new String[] {"/topics/t", "/consumers/g", "/consumers/g/instances", "/acls"}) {
      ContainerRequest call = signed("GET", path);

      ProxyException refused = assertThrows(ProxyException.class, () -> filter.filter(call), path);

      assertEquals(ErrorCode.AUTHENTICATION_FAILED, refused.errorCode(), path);
      assertNull(call.getProperty(ForwardedCallFilter.FORWARDED), path);
    }
  }

  @Test
  void filter_badSignatureOnAnInstanceCall_isRefused() {
    ContainerRequest call = signed("GET", "/consumers/g/instances/i/records");
    call.getHeaders().putSingle(NodeSignature.SIGNATURE, "AAAA");

    ProxyException refused = assertThrows(ProxyException.class, () -> filter.filter(call));

    assertEquals(ErrorCode.AUTHENTICATION_FAILED, refused.errorCode());
  }

  @Test
  void filter_refusedCall_itsAnswerChallengesWithTheNodesScheme() {
    ContainerRequest refusedCall = signed("GET", "/consumers/g/instances/i/records");
    refusedCall.getHeaders().putSingle(NodeSignature.SIGNATURE, "AAAA");
    assertThrows(ProxyException.class, () -> filter.filter(refusedCall));
    ContainerRequest acceptedCall = signed("GET", "/consumers/g/instances/i/records");
    filter.filter(acceptedCall);

    ContainerResponse refusal = new ContainerResponse(refusedCall, Response.status(401).build());
    ContainerResponse answer = new ContainerResponse(acceptedCall, Response.ok().build());
    filter.filter(refusedCall, refusal);
    filter.filter(acceptedCall, answer);

    assertEquals(ForwardedCallFilter.CHALLENGE, refusal.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    assertNull(answer.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
  }

  @Test
  void filter_badSignature_isRefusedBeforeTheBodyIsRead() {
    ContainerRequest call = signed("POST", "/consumers/g/instances/i/subscription");
    call.getHeaders().putSingle(NodeSignature.SIGNATURE, "AAAA");
    AtomicBoolean read = new AtomicBoolean();
    call.setEntityStream(new InputStream() {
      @Override
      public int read() {
        read.set(true);
        return -1;
      }
    });

    assertThrows(ProxyException.class, () -> filter.filter(call));

    assertFalse(read.get(), "a forged call cannot make the owner read (and hold) its body");
  }

  @Test
  void filter_signedCallWithAnotherBody_isRefused() {
    ContainerRequest call = signed("POST", "/consumers/g/instances/i/subscription");
    call.setEntityStream(new ByteArrayInputStream("{\"topics\":[\"another\"]}".getBytes(StandardCharsets.UTF_8)));

    ProxyException refused = assertThrows(ProxyException.class, () -> filter.filter(call));

    assertEquals(ErrorCode.AUTHENTICATION_FAILED, refused.errorCode());
    assertNull(call.getProperty(ForwardedCallFilter.FORWARDED));
  }

  private ContainerRequest signed(String method, String pathAndQuery) {
    ContainerRequest call = new ContainerRequest(URI.create("http://node-0:8082/"),
        URI.create("http://node-0:8082" + pathAndQuery), method, null, new MapPropertiesDelegate(), null);
    signature.headers(method, pathAndQuery, ALICE, new byte[0]).forEach(call::header);
    return call;
  }
}
