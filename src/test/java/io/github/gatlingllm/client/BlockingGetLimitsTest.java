package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A {@code /metrics} or {@code /v1/models} answer that is huge or that never ends is cut off, with a clear reason. */
class BlockingGetLimitsTest {
  /** Answers every connection with {@code answer}, on its own thread. */
  @FunctionalInterface
  interface Answer {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private ServerSocket server;
  private Thread acceptor;

  private URI serve(Answer answer) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  readRequestHead(s.getInputStream());
                  answer.write(s.getOutputStream());
                } catch (IOException | InterruptedException e) {
                  // the client went away (as the tests want), or the server is closing
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/metrics");
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
      acceptor.join();
    }
  }

  @Test
  void aHugeAnswerIsRefusedAtTheSizeCap() throws Exception {
    int size = 2 * 1024 * 1024;
    URI uri =
        serve(
            out -> {
              out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + size + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
              out.write(new byte[size]);
            });
    BlockingGet get = new BlockingGet(Duration.ofSeconds(10), TlsMaterial.load(TlsSettings.VERIFIED), 1024 * 1024);
    IOException e = assertThrows(IOException.class, () -> get.get(uri, "sk-key"));
    assertEquals("answer longer than 1048576 bytes", e.getMessage());
  }

  @Test
  void aNeverEndingDripIsCutAtTheTotalTime() throws Exception {
    URI uri =
        serve(
            out -> {
              out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
              while (true) { // one byte at a time, each well within the read timeout, forever
                out.write("1\r\n#\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(20);
              }
            });
    BlockingGet get = new BlockingGet(Duration.ofMillis(300), TlsSettings.VERIFIED);
    IOException e = assertThrows(IOException.class, () -> get.get(uri, null));
    assertTrue(e.getMessage().startsWith("answer not complete within 300 ms"), e.getMessage());
  }

  @Test
  void anOrdinaryAnswerIsReadWhole() throws Exception {
    String body = "# HELP x\nx 1\n";
    URI uri =
        serve(
            out -> out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII)));
    assertEquals(new BlockingGet.Response(200, body), new BlockingGet(Duration.ofSeconds(10), TlsSettings.VERIFIED).get(uri, null));
  }
}
