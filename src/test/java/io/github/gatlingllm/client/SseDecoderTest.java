package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseDecoderTest {

  /** What one dispatched event looked like; compared as a whole. */
  record Ev(String data, String type, String id) {
    static Ev of(String data) {
      return new Ev(data, null, null);
    }
  }

  // ---- recorded-style streams ----

  private static String chatChunk(String delta, String finish) {
    return "{\"id\":\"chatcmpl-9f2c1b7e\",\"object\":\"chat.completion.chunk\",\"created\":1718035200,"
        + "\"model\":\"Qwen/Qwen3-0.6B\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]}";
  }

  private static final String CHAT_1 = chatChunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
  private static final String CHAT_2 = chatChunk("{\"content\":\"Héllo\"}", "null");
  private static final String CHAT_3 = chatChunk("{\"content\":\" 世界 🙂\"}", "null");
  private static final String CHAT_4 = chatChunk("{}", "\"stop\"");
  private static final String CHAT_USAGE =
      "{\"id\":\"chatcmpl-9f2c1b7e\",\"object\":\"chat.completion.chunk\",\"created\":1718035200,"
          + "\"model\":\"Qwen/Qwen3-0.6B\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":12,\"total_tokens\":16,\"completion_tokens\":4}}";

  private static final String VLLM_CHAT =
      "data: " + CHAT_1 + "\n\n"
          + "data: " + CHAT_2 + "\n\n"
          + "data: " + CHAT_3 + "\n\n"
          + "data: " + CHAT_4 + "\n\n"
          + "data: " + CHAT_USAGE + "\n\n"
          + "data: [DONE]\n\n";

  private static final List<Ev> VLLM_CHAT_EVENTS =
      List.of(Ev.of(CHAT_1), Ev.of(CHAT_2), Ev.of(CHAT_3), Ev.of(CHAT_4), Ev.of(CHAT_USAGE), Ev.of("[DONE]"));

  private static String completion(String text, String finish) {
    return "{\"id\":\"cmpl-4b1e\",\"object\":\"text_completion\",\"created\":1718035200,\"model\":\"facebook/opt-125m\","
        + "\"choices\":[{\"index\":0,\"text\":\"" + text + "\",\"logprobs\":null,\"finish_reason\":" + finish
        + ",\"stop_reason\":null}],\"usage\":null}";
  }

  private static final String VLLM_COMPLETIONS =
      "data: " + completion(" The", "null") + "\n\n"
          + "data: " + completion(" quick", "null") + "\n\n"
          + "data: " + completion(" fox", "\"length\"") + "\n\n"
          + "data: [DONE]\n\n";

  private static final List<Ev> VLLM_COMPLETIONS_EVENTS =
      List.of(
          Ev.of(completion(" The", "null")),
          Ev.of(completion(" quick", "null")),
          Ev.of(completion(" fox", "\"length\"")),
          Ev.of("[DONE]"));

  private static final String LLAMA_1 =
      "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"created\":1718035200,"
          + "\"id\":\"chatcmpl-llama\",\"model\":\"gpt-3.5-turbo\",\"object\":\"chat.completion.chunk\"}";
  private static final String LLAMA_2 =
      "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"created\":1718035200,"
          + "\"id\":\"chatcmpl-llama\",\"model\":\"gpt-3.5-turbo\",\"object\":\"chat.completion.chunk\","
          + "\"timings\":{\"prompt_n\":5,\"predicted_n\":2}}";

  /** llama.cpp-style: keep-alive comments, a retry field, then data. */
  private static final String LLAMA_CPP =
      ": ping - 2024-06-10 12:00:00.000000+00:00\n\n"
          + "retry: 3000\n"
          + "data: " + LLAMA_1 + "\n\n"
          + ": ping\n"
          + ":\n\n"
          + "data: " + LLAMA_2 + "\n\n"
          + "data: [DONE]\n\n";

  private static final List<Ev> LLAMA_CPP_EVENTS = List.of(Ev.of(LLAMA_1), Ev.of(LLAMA_2), Ev.of("[DONE]"));

  /** Spec corner cases: multi-line data, space rules, event / id, events without data, unknown fields. */
  private static final String FIELDS =
      "data: first line\n"
          + "data: second line\n"
          + "data:\n"
          + "data:no space\n\n"
          + "data:  two spaces\n\n"
          + "event: message\n"
          + "id: 42\n"
          + "data: typed\n\n"
          + "event: ping\n\n" // no data: not dispatched, and its type must not leak into the next event
          + "id: 7\n"
          + "data: with id\n\n"
          + "id\n"
          + "data\n\n" // field names without colon: empty values
          + "datax: not data\n"
          + "eventual: not event\n"
          + "retry: 10\n"
          + "data: after unknown\n\n"
          + "id: bad\u0000id\n"
          + "data: nul id ignored\n\n";

  private static final List<Ev> FIELDS_EVENTS =
      List.of(
          Ev.of("first line\nsecond line\n\nno space"),
          Ev.of(" two spaces"),
          new Ev("typed", "message", "42"),
          new Ev("with id", null, "7"),
          new Ev("", null, ""),
          Ev.of("after unknown"),
          Ev.of("nul id ignored"));

  /** The last event has no blank line, nor even a line end: dispatched at end of stream. */
  private static final String NO_FINAL_BLANK_LINE = "data: a\n\ndata: b\ndata: c";

  private static final String NO_FINAL_BLANK_LINE_LF = "data: a\n\ndata: b\n";

  private static Stream<Arguments> streams() {
    return Stream.of(
        Arguments.of("vllm-chat", VLLM_CHAT, VLLM_CHAT_EVENTS),
        Arguments.of("vllm-chat-crlf", VLLM_CHAT.replace("\n", "\r\n"), VLLM_CHAT_EVENTS),
        Arguments.of("vllm-chat-cr", VLLM_CHAT.replace("\n", "\r"), VLLM_CHAT_EVENTS),
        Arguments.of("vllm-chat-bom", "\uFEFF" + VLLM_CHAT, VLLM_CHAT_EVENTS),
        Arguments.of("vllm-completions", VLLM_COMPLETIONS, VLLM_COMPLETIONS_EVENTS),
        Arguments.of("llama-cpp", LLAMA_CPP, LLAMA_CPP_EVENTS),
        Arguments.of("llama-cpp-crlf", LLAMA_CPP.replace("\n", "\r\n"), LLAMA_CPP_EVENTS),
        Arguments.of("fields", FIELDS, FIELDS_EVENTS),
        Arguments.of("fields-crlf", FIELDS.replace("\n", "\r\n"), FIELDS_EVENTS),
        Arguments.of("fields-cr", FIELDS.replace("\n", "\r"), FIELDS_EVENTS),
        Arguments.of("fields-mixed", mixLineEnds(FIELDS), FIELDS_EVENTS),
        Arguments.of("no-final-blank-line", NO_FINAL_BLANK_LINE, List.of(Ev.of("a"), Ev.of("b\nc"))),
        Arguments.of("no-final-blank-line-lf", NO_FINAL_BLANK_LINE_LF, List.of(Ev.of("a"), Ev.of("b"))),
        Arguments.of("no-final-blank-line-crlf", NO_FINAL_BLANK_LINE.replace("\n", "\r\n"),
            List.of(Ev.of("a"), Ev.of("b\nc"))),
        Arguments.of("empty", "", List.of()),
        Arguments.of("only-comments", ": a\n: b\r\n\r\n", List.of()));
  }

  /**
   * Cycles CR, CRLF and LF so that line ends of different kinds meet. Never CR then LF: that pair is one line end.
   */
  private static String mixLineEnds(String lf) {
    String[] ends = {"\r", "\r\n", "\n"};
    StringBuilder sb = new StringBuilder();
    int k = 0;
    for (char c : lf.toCharArray()) {
      sb.append(c == '\n' ? ends[k++ % 3] : String.valueOf(c));
    }
    return sb.toString();
  }

  // ---- decoding helpers ----

  private static List<Ev> decode(byte[] bytes, int[] cuts, boolean direct) {
    List<Ev> out = new ArrayList<>();
    SseDecoder decoder =
        new SseDecoder(
            (e, nanos) -> {
              out.add(new Ev(e.dataAsString(), e.eventType(), e.id()));
              return true;
            });
    int from = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int to = i < cuts.length ? cuts[i] : bytes.length;
      ByteBuf buf = piece(bytes, from, to, direct);
      try {
        assertTrue(decoder.decode(buf, 1L));
        assertEquals(3, buf.readerIndex(), "reader index untouched");
      } finally {
        buf.release();
      }
      from = to;
    }
    assertTrue(decoder.endOfStream(2L));
    return out;
  }

  /** The bytes [from, to) after 3 bytes of junk already read, as a real read buffer would be positioned. */
  private static ByteBuf piece(byte[] bytes, int from, int to, boolean direct) {
    ByteBuf buf = direct ? Unpooled.directBuffer(to - from + 3) : Unpooled.buffer(to - from + 3);
    buf.writeBytes(new byte[] {'x', '\n', '\n'});
    buf.readerIndex(3);
    buf.writeBytes(bytes, from, to - from);
    return buf;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void wholeBuffer(String name, String stream, List<Ev> expected) {
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    assertEquals(expected, decode(bytes, new int[0], false));
    assertEquals(expected, decode(bytes, new int[0], true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void splitInTwoAtEveryByte(String name, String stream, List<Ev> expected) {
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= bytes.length; cut++) {
      assertEquals(expected, decode(bytes, new int[] {cut}, cut % 2 == 0), "cut at " + cut);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void oneBytePieces(String name, String stream, List<Ev> expected) {
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    int[] cuts = new int[Math.max(0, bytes.length - 1)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    assertEquals(expected, decode(bytes, cuts, false));
    assertEquals(expected, decode(bytes, cuts, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void threeRandomPieces(String name, String stream, List<Ev> expected) {
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    Random random = new Random(20240610L);
    for (int trial = 0; trial < 200; trial++) {
      int a = random.nextInt(bytes.length + 1);
      int b = random.nextInt(bytes.length + 1);
      int[] cuts = {Math.min(a, b), Math.max(a, b)};
      assertEquals(expected, decode(bytes, cuts, trial % 2 == 0), "cuts " + Arrays.toString(cuts));
    }
  }

  @Test
  void crlfSplitBetweenReadsIsOneLineEnd() {
    // Were the LF after a buffer-final CR a blank line, "a" would be dispatched alone.
    byte[] bytes = "data: a\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals(List.of(Ev.of("a\nb")), decode(bytes, new int[] {8}, false));
    assertEquals(List.of(Ev.of("a\nb")), decode(bytes, new int[] {18}, false));
  }

  @Test
  void partialBomIsNotSkipped() {
    // 0xEF alone is not a BOM: its byte stays part of the first field name, so that line is an unknown field.
    byte[] bytes = {(byte) 0xEF, 'd', 'a', 't', 'a', ':', 'x', '\n', 'd', 'a', 't', 'a', ':', 'y', '\n', '\n'};
    assertEquals(List.of(Ev.of("y")), decode(bytes, new int[0], false));
    assertEquals(List.of(Ev.of("y")), decode(bytes, new int[] {1}, false));
  }

  @Test
  void eachEventGetsTheTimestampOfTheReadThatCompletedIt() {
    List<Long> stamps = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((e, nanos) -> stamps.add(nanos));
    feed(decoder, "data: a\n\ndata: b\n", 10L);
    feed(decoder, "\ndata: c\n\n", 20L);
    feed(decoder, "data: d", 30L);
    decoder.endOfStream(40L);
    assertEquals(List.of(10L, 20L, 20L, 40L), stamps);
  }

  @Test
  void listenerReturningFalseStopsDecoding() {
    List<String> seen = new ArrayList<>();
    SseDecoder decoder =
        new SseDecoder(
            (e, nanos) -> {
              seen.add(e.dataAsString());
              return seen.size() < 2;
            });
    assertFalse(feed(decoder, "data: 1\n\ndata: 2\n\ndata: 3\n\n", 0));
    assertEquals(List.of("1", "2"), seen);
  }

  @Test
  void resetStartsAFreshStream() {
    List<String> seen = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((e, nanos) -> seen.add(e.dataAsString()));
    feed(decoder, "data: half", 0);
    decoder.reset();
    feed(decoder, "\uFEFFdata: new\n\n", 0);
    assertEquals(List.of("new"), seen);
  }

  @Test
  void oversizedEventFailsClearly() {
    SseDecoder decoder = new SseDecoder((e, nanos) -> true, 64);
    feed(decoder, "data: " + "x".repeat(60) + "\n", 0);
    SseDecoder.EventTooLargeException e =
        assertThrows(SseDecoder.EventTooLargeException.class, () -> feed(decoder, "data: 12345\n\n", 0));
    assertTrue(e.getMessage().contains("64"));
    SseDecoder idDecoder = new SseDecoder((ev, nanos) -> true, 8);
    assertThrows(SseDecoder.EventTooLargeException.class, () -> feed(idDecoder, "id: 123456789\n", 0));
  }

  @Test
  void largeEventGrowsTheReusedArray() {
    String big = "y".repeat(100_000);
    List<String> seen = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((e, nanos) -> seen.add(e.dataAsString()));
    feed(decoder, "data: " + big + "\n\ndata: small\n\n", 0);
    assertEquals(List.of(big, "small"), seen);
  }

  /** The steady state allocates nothing per event: measured with the JVM's per-thread allocation counter. */
  @Test
  void steadyStateDecodingDoesNotAllocate() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counter unsupported");
    threads.setThreadAllocatedMemoryEnabled(true);

    long[] count = new long[1];
    SseDecoder decoder =
        new SseDecoder(
            (e, nanos) -> {
              count[0] += e.dataLength();
              return true;
            });
    byte[] bytes = VLLM_CHAT.replace("data: [DONE]\n\n", "").getBytes(StandardCharsets.UTF_8);
    // Two pieces per pass so that lines straddle reads too; buffers are allocated once, outside the measurement.
    // Wrapped NIO buffers are not leak-tracked, so the measurement holds even under paranoid leak detection.
    ByteBuf first = Unpooled.wrappedBuffer(direct(bytes, 0, 300));
    ByteBuf second = Unpooled.wrappedBuffer(direct(bytes, 300, bytes.length - 300));
    try {
      for (int i = 0; i < 20_000; i++) { // warm-up: array growth, class loading, JIT
        decoder.decode(first, i);
        decoder.decode(second, i);
      }
      long tid = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(tid);
      int passes = 20_000; // 100,000 events
      for (int i = 0; i < passes; i++) {
        decoder.decode(first, i);
        decoder.decode(second, i);
      }
      long allocated = threads.getThreadAllocatedBytes(tid) - before;
      // A String-per-line decoder would allocate tens of MB here; allow a little noise from the runtime itself.
      assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for " + passes * 5 + " events");
      assertTrue(count[0] > 0);
    } finally {
      first.release();
      second.release();
    }
  }

  private static java.nio.ByteBuffer direct(byte[] bytes, int offset, int length) {
    return java.nio.ByteBuffer.allocateDirect(length).put(bytes, offset, length).flip();
  }

  private static boolean feed(SseDecoder decoder, String text, long nanos) {
    ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    try {
      return decoder.decode(buf, nanos);
    } finally {
      buf.release();
    }
  }
}
