package io.github.gatlingllm.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A test HTTP/1.1 client on a raw socket, so that tests see the wire as it is: chunked framing, whether the body was
 * terminated, whether the server closed the connection. Every SSE event is stamped with the time of the socket read
 * that completed it.
 */
final class RawHttpConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private long lastReadNanos;

  RawHttpConnection(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(20_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Limits how long a read may block (a stalled stream is detected by this timeout). */
  void readTimeoutMillis(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  /** Sends a request; {@code headers} are "Name: value" lines. @return the send time in nanoseconds */
  long send(String method, String path, String body, String... headers) throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
    }
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("\r\n");
    long sendNanos = System.nanoTime();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(content);
    out.flush();
    return sendNanos;
  }

  /** Sends a POST with a JSON body and reads the whole response. */
  RawResponse post(String path, String body, String... headers) throws IOException {
    long sendNanos = send("POST", path, body, headers);
    return read(sendNanos);
  }

  /** Reads one response until its end, the connection's close, or the read timeout. */
  RawResponse read(long sendNanos) throws IOException {
    RawResponse response = new RawResponse(sendNanos);
    String statusLine = readLine();
    if (statusLine == null) {
      response.endedBy = RawResponse.End.CLOSED;
      response.endNanos = System.nanoTime();
      return response;
    }
    response.status = Integer.parseInt(statusLine.split(" ")[1]);
    for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      response.headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    try {
      if ("chunked".equalsIgnoreCase(response.headers.get("transfer-encoding"))) {
        readChunked(response);
      } else {
        int length = Integer.parseInt(response.headers.getOrDefault("content-length", "0"));
        byte[] body = readExactly(length);
        if (body != null) {
          response.body.write(body);
          response.endedBy = RawResponse.End.COMPLETE;
        }
      }
    } catch (SocketTimeoutException e) {
      response.endedBy = RawResponse.End.TIMEOUT;
    }
    response.endNanos = System.nanoTime();
    return response;
  }

  private void readChunked(RawResponse response) throws IOException {
    StringBuilder pending = new StringBuilder();
    while (true) {
      String sizeLine = readLine();
      if (sizeLine == null) {
        return; // closed mid-body
      }
      int size = Integer.parseInt(sizeLine.trim(), 16);
      if (size == 0) {
        readLine(); // the CRLF after the last chunk (no trailers from this server)
        response.endedBy = RawResponse.End.COMPLETE;
        return;
      }
      byte[] data = readExactly(size);
      if (data == null || readLine() == null) {
        return;
      }
      response.chunks++;
      response.body.write(data);
      pending.append(new String(data, StandardCharsets.UTF_8));
      for (int end = pending.indexOf("\n\n"); end >= 0; end = pending.indexOf("\n\n")) {
        String block = pending.substring(0, end);
        pending.delete(0, end + 2);
        for (String line : block.split("\n")) {
          if (line.startsWith("data:")) {
            // SSE: one optional space after the colon (OpenAI servers write it, TGI does not)
            int start = line.startsWith("data: ") ? 6 : 5;
            response.events.add(new RawResponse.Event(line.substring(start), lastReadNanos));
          }
        }
      }
    }
  }

  /** A CRLF-terminated line without its CRLF, or null at the end of the stream. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (position == limit && !fill()) {
        return null;
      }
      byte b = buffer[position++];
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] bytes = new byte[length];
    int done = 0;
    while (done < length) {
      if (position == limit && !fill()) {
        return null;
      }
      int n = Math.min(length - done, limit - position);
      System.arraycopy(buffer, position, bytes, done, n);
      position += n;
      done += n;
    }
    return bytes;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    lastReadNanos = System.nanoTime();
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  /** True when the server has closed the connection (a read returns end of stream). */
  boolean serverClosed() throws IOException {
    if (position < limit) {
      return false;
    }
    return !fill();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Everything the test saw of one response. */
  static final class RawResponse {
    enum End {
      COMPLETE,
      CLOSED,
      TIMEOUT
    }

    record Event(String data, long nanos) {}

    final long sendNanos;
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<Event> events = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int chunks;
    End endedBy = End.CLOSED;
    long endNanos;

    RawResponse(long sendNanos) {
      this.sendNanos = sendNanos;
    }

    String body() {
      return body.toString(StandardCharsets.UTF_8);
    }

    List<String> data() {
      List<String> data = new ArrayList<>();
      for (Event event : events) {
        data.add(event.data());
      }
      return data;
    }

    double millisToEvent(int index) {
      return (events.get(index).nanos() - sendNanos) / 1e6;
    }
  }
}
