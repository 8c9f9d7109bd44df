package dev.kafkarest.server.http;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request headers with only an Accept list, as the mappers see them. */
final class FakeHttpHeaders implements HttpHeaders {
  private final List<MediaType> accept;

  FakeHttpHeaders(String... accept) {
    this.accept = Arrays.stream(accept).map(MediaType::valueOf).toList();
  }

  @Override
  public List<String> getRequestHeader(String name) {
    return List.of();
  }

  @Override
  public String getHeaderString(String name) {
    return null;
  }

  @Override
  public MultivaluedMap<String, String> getRequestHeaders() {
    return new MultivaluedHashMap<>();
  }

  @Override
  public List<MediaType> getAcceptableMediaTypes() {
    return accept.isEmpty() ? List.of(MediaType.WILDCARD_TYPE) : accept;
  }

  @Override
  public List<Locale> getAcceptableLanguages() {
    return List.of();
  }

  @Override
  public MediaType getMediaType() {
    return null;
  }

  @Override
  public Locale getLanguage() {
    return null;
  }

  @Override
  public Map<String, Cookie> getCookies() {
    return Map.of();
  }

  @Override
  public Date getDate() {
    return null;
  }

  @Override
  public int getLength() {
    return -1;
  }
}
