package dev.kafkarest.server.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.jspecify.annotations.Nullable;

/**
 * Grizzly's HTTP/1.1 server codec with the checks RFC 9112 asks of a server and Grizzly leaves out, and
 * with the error envelope on every answer the codec gives itself.
 *
 * <ul>
 *   <li>A header line without a colon, or a field name with a space or control character: 400 at once
 *       (Grizzly kept reading until the idle timeout).
 *   <li>{@code Content-Length} together with {@code Transfer-Encoding}, or twice: 400, and the connection is closed,
 *       so that bytes after the body can never be read as a second request (RFC 9112 §6.1).
 *   <li>A transfer coding other than {@code chunked}: 501 (Grizzly read the request as bodiless).
 *   <li>{@code CONNECT}: 405 at once (Grizzly waited for a tunnel's bytes, then answered 500).
 *   <li>More than one {@code Host} field: 400 (RFC 9112 §3.2; Grizzly took the first).
 *   <li>A request line naming HTTP/2.0 (HTTP/2's connection preface, {@code PRI * HTTP/2.0}): 505 at once (Grizzly
 *       served the text as HTTP/1.1, or waited for the preface's body until the body-read timeout).
 *   <li>A request target that is neither a path from {@code /}, an absolute URI, nor {@code *} with {@code OPTIONS}:
 *       400 (RFC 9112 §3.2; Grizzly served {@code GET topics} as {@code GET /}).
 *   <li>Empty lines before the request line are ignored (RFC 9112 §2.2; Grizzly read them into the method).
 *   <li>A {@code Content-Length} over {@code request.body.max.bytes}: 413 at once (the body was awaited first,
 *       and without it the client got 408 after the body-read timeout).
 *   <li>A {@code Content-Encoding} other than {@code identity}, {@code gzip} or one the codec decodes: 415 (RFC 9110
 *       §8.4.1; the coded bytes were read as if plain).
 *   <li>An {@code Expect} other than {@code 100-continue}: 417 (RFC 9110 §10.1.1; it was ignored).
 *   <li>A request line or header over {@code http.header.max.bytes}, or more than {@code http.headers.max}
 *       fields: 431.
 * </ul>
 *
 * <p>Each of these answers closes the connection.
 */
final class GuardedHttpCodec extends HttpServerFilter {
  private static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

  private final long bodyMaxBytes;

  /**
   * A codec configured as Grizzly configured {@code original} for {@code listener}.
   *
   * @param bodyMaxBytes {@code request.body.max.bytes}: a larger announced body gets 413
   */
  @SuppressWarnings("deprecation")
  GuardedHttpCodec(NetworkListener listener, HttpServerFilter original, long bodyMaxBytes) {
    super(listener.isChunkingEnabled(), listener.getMaxHttpHeaderSize(), null, listener.getKeepAlive(), null,
        listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
    this.bodyMaxBytes = bodyMaxBytes;
    for (ContentEncoding encoding : original.getContentEncodings()) {
      addContentEncoding(encoding);
    }
    setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
    setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
    getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
  }

  @Override
  protected boolean onHttpHeaderParsed(HttpHeader httpHeader, Buffer buffer, FilterChainContext ctx) {
    if (super.onHttpHeaderParsed(httpHeader, buffer, ctx)) {
      return true;
    }
    HttpRequestPacket request = (HttpRequestPacket) httpHeader;
    String method = request.getMethod().getMethodString();
    if (!method.isEmpty() && (method.charAt(0) == '\r' || method.charAt(0) == '\n')) {
      // Grizzly reads the empty lines before a request line into its method.
      request.setMethod(method.stripLeading());
    }
    HttpStatus refusal = refusal(request);
    if (refusal != null) {
      refusal.setValues(request.getResponse());
      return true;
    }
    return false;
  }

  /** {@return the status that refuses a request by its head (see the class's list), or null to serve it} */
  private @Nullable HttpStatus refusal(HttpRequestPacket request) {
    if (request.getProtocol() == Protocol.HTTP_2_0) {
      // HTTP/2's connection preface (PRI * HTTP/2.0) or a request line naming 2.0 as text: this listener speaks 1.1.
      return HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505;
    }
    if (Method.CONNECT.equals(request.getMethod())) {
      return HttpStatus.METHOD_NOT_ALLOWED_405;
    }
    MimeHeaders headers = request.getHeaders();
    if (!isRequestTarget(request.getRequestURI(), request.getMethod()) || fieldLines(headers, "host") > 1) {
      // A second Host: which one names the resource? A balancer and the proxy could each take another.
      return HttpStatus.BAD_REQUEST_400;
    }
    DataChunk transferEncoding = headers.getValue(Header.TransferEncoding);
    if (transferEncoding != null && !transferEncoding.toString().trim().equalsIgnoreCase("chunked")) {
      return HttpStatus.NOT_IMPLEMENTED_501;
    }
    if (request.getContentLength() > bodyMaxBytes) {
      return HttpStatus.REQUEST_ENTITY_TOO_LARGE_413;
    }
    DataChunk contentEncoding = headers.getValue(Header.ContentEncoding);
    if (contentEncoding != null && !isDecoded(contentEncoding.toString().trim())) {
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE_415;
    }
    DataChunk expect = headers.getValue(Header.Expect);
    if (expect != null && !expect.toString().trim().equalsIgnoreCase("100-continue")) {
      return HttpStatus.EXPECTATION_FAILED_417;
    }
    return null;
  }

  /**
   * {@return whether a request target has one of RFC 9112's forms (§3.2)}: a path from {@code /}, an absolute URI,
   *     or {@code *} for {@code OPTIONS}; Grizzly served {@code GET topics} and {@code GET *} as {@code GET /}
   */
  static boolean isRequestTarget(String target, Method method) {
    if (target.startsWith("/")) {
      return true;
    }
    if (target.equals("*")) {
      return Method.OPTIONS.equals(method);
    }
    String lower = target.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  private static int fieldLines(MimeHeaders headers, String name) {
    int count = 0;
    for (int i = 0; i < headers.size(); i++) {
      if (headers.getName(i).equalsIgnoreCase(name)) {
        count++;
      }
    }
    return count;
  }

  /**
   * {@return whether a body with this content coding can be read: identity, gzip (inflated by {@link
   *     RequestDecodingFilter}), or one of the codec's own}
   */
  private boolean isDecoded(String coding) {
    if (coding.equalsIgnoreCase("identity") || coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
      return true;
    }
    for (ContentEncoding encoding : getContentEncodings()) {
      if (encoding.getName().equalsIgnoreCase(coding)
          || Arrays.stream(encoding.getAliases()).anyMatch(coding::equalsIgnoreCase)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void onHttpHeaderError(HttpHeader httpHeader, FilterChainContext ctx, Throwable t) throws IOException {
    HttpResponsePacket response = ((HttpRequestPacket) httpHeader).getResponse();
    if (response.getStatus() < 400 && isOverLimit(t)) {
      response.setStatus(REQUEST_HEADER_FIELDS_TOO_LARGE);
      response.setReasonPhrase("Request Header Fields Too Large");
    }
    super.onHttpHeaderError(httpHeader, ctx, t);
  }

  private static boolean isOverLimit(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName().startsWith("MaxHeaderCount")
        || (message != null && message.contains("too large"));
  }

  @Override
  protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
    byte[] body = RawErrors.envelope(response.getStatus());
    response.setContentType("application/json");
    // set as a field too: after a header error Grizzly writes the fields without the content type
    response.getHeaders().setValue(Header.ContentType).setString("application/json");
    response.setContentLength(body.length);
    response.getHeaders().setValue(Header.Connection).setString("close");
    return HttpContent.builder(response)
        .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
        .last(true)
        .build();
  }

  @Override
  protected boolean parseHeaderName(HttpHeader httpHeader, MimeHeaders mimeHeaders, HeaderParsingState state,
      byte[] input, int end) {
    int limit = Math.min(end, state.arrayOffset + state.packetLimit);
    for (int i = state.arrayOffset + state.offset; i < limit; i++) {
      byte b = input[i];
      if (b == ':') {
        break;
      }
      requireNameByte(b);
    }
    return requireOneFraming(httpHeader, state, super.parseHeaderName(httpHeader, mimeHeaders, state, input, end));
  }

  @Override
  protected boolean parseHeaderName(HttpHeader httpHeader, MimeHeaders mimeHeaders, HeaderParsingState state,
      Buffer input) {
    int limit = Math.min(input.limit(), state.packetLimit);
    for (int i = state.offset; i < limit; i++) {
      byte b = input.get(i);
      if (b == ':') {
        break;
      }
      requireNameByte(b);
    }
    return requireOneFraming(httpHeader, state, super.parseHeaderName(httpHeader, mimeHeaders, state, input));
  }

  /**
   * Refuses a {@code Content-Length} after {@code Transfer-Encoding} or the reverse, and a second {@code
   * Content-Length}, as each name is parsed: Grizzly drops a {@code Content-Length} that follows {@code
   * Transfer-Encoding: chunked}, and keeps two, which Jersey then refuses with a 500.
   */
  private static boolean requireOneFraming(HttpHeader httpHeader, HeaderParsingState state, boolean nameParsed) {
    if (nameParsed && ((state.isContentLengthHeader && httpHeader.isChunked())
        || (state.isTransferEncodingHeader && state.contentLengthHeadersCount > 0))) {
      throw new IllegalStateException("both Content-Length and Transfer-Encoding");
    }
    if (nameParsed && state.isContentLengthHeader && state.contentLengthHeadersCount > 0) {
      throw new IllegalStateException("more than one Content-Length");
    }
    return nameParsed;
  }

  /** A field name is a token: no space, control character or non-ASCII byte before its colon. */
  private static void requireNameByte(byte b) {
    if (b <= ' ' || b == 0x7f) {
      throw new IllegalStateException("header field without a colon, or with an invalid name");
    }
  }
}
