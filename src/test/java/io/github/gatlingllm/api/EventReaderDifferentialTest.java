package io.github.gatlingllm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner-based readers against the Jackson-based ones they replace, on realistic events, on thousands of seeded
 * random events and on random mutations of those: both must accept and reject the same inputs with the same message
 * and fill the chunk (and the capture sinks) identically.
 *
 * <p>Known, deliberate divergences, none on valid JSON, each handled in {@link #assertAgreeOnBrokenInput}:
 *
 * <ol>
 *   <li>Jackson looks a field name up in its shared symbol table before validating its UTF-8, and pads a name's last
 *       partial 4-byte group with 0xFF bytes: so {@code "toke\xFFn"} is found as {@code token} and
 *       {@code "logp\xFFrob"} as {@code logprob} once those were seen. 0xFF is never valid UTF-8 and the scanner
 *       rejects it; for such inputs the test only checks that it does.
 *   <li>Jackson takes a zero byte among the first four as UTF-16 or UTF-32 and reads the event in that encoding; the
 *       scanner reads UTF-8 only, where a zero byte is invalid. Both reject such an event, but Jackson can word it "not
 *       a JSON object"; the test compares only that both reject.
 *   <li>After a top-level literal such as {@code {} true}, Jackson decodes a non-ASCII follower byte and checks it is
 *       not a Java identifier part; the scanner treats every non-ASCII follower as one. Both reject; the wording
 *       ("trailing content" vs "not valid JSON") could differ. None of the seeded mutations hits it.
 *   <li>Jackson's name length (50,000) and string length (20,000,000) caps are not enforced: events never come near.
 * </ol>
 *
 * Everything else is compared in full, messages included, mutations too.
 */
class EventReaderDifferentialTest {
  /** More events or another seed for a longer hunt: -DdiffEvents=60000 -DdiffSeed=3 (the mutation seed follows it). */
  private static final int RANDOM_EVENTS = Integer.getInteger("diffEvents", 4000);
  private static final int MUTATIONS_PER_EVENT = 6;

  @FunctionalInterface
  interface Reader {
    void read(byte[] data, int length, StreamChunk out) throws MalformedEventException;
  }

  /** What a reader made of one input: the exception message, or every field of the chunk and the captured texts. */
  record Outcome(
      String failure,
      boolean done,
      int choices,
      boolean visibleContent,
      boolean reasoningContent,
      int reasoningTokens,
      int promptTokens,
      int completionTokens,
      int cachedTokens,
      String errorMessage,
      String text,
      String reasoningText) {

    static Outcome of(Reader reader, byte[] data, boolean capture) {
      StreamChunk chunk = new StreamChunk();
      // Sinks start non-empty: TGI rolls back to where a special token's text began, not to zero.
      StringBuilder text = capture ? new StringBuilder("before|") : null;
      StringBuilder reasoning = capture ? new StringBuilder("before|") : null;
      chunk.captureTextInto(text);
      chunk.captureReasoningInto(reasoning);
      // Inside a larger array, as the SSE decoder hands it over: only `length` bytes count.
      byte[] buffer = new byte[data.length + 8];
      System.arraycopy(data, 0, buffer, 0, data.length);
      buffer[data.length] = '}';
      try {
        reader.read(buffer, data.length, chunk);
      } catch (MalformedEventException e) {
        return new Outcome(e.getMessage(), false, 0, false, false, 0, 0, 0, 0, null, null, null);
      }
      return new Outcome(
          null,
          chunk.done(),
          chunk.choices(),
          chunk.visibleContent(),
          chunk.reasoningContent(),
          chunk.reasoningTokens(),
          chunk.promptTokens(),
          chunk.completionTokens(),
          chunk.cachedTokens(),
          chunk.errorMessage(),
          text == null ? null : text.toString(),
          reasoning == null ? null : reasoning.toString());
    }

    boolean failed() {
      return failure != null;
    }
  }

  private static final Reader NEW_OPENAI = OpenAiEventReader::read;
  private static final Reader OLD_OPENAI = JacksonOpenAiEventReference::read;
  private static final Reader NEW_TGI = TgiEventReader::read;
  private static final Reader OLD_TGI = JacksonTgiEventReference::read;

  /** Asserts full agreement (messages included) of both dialect pairs, with and without capture. */
  private static void assertSame(byte[] data) {
    for (boolean capture : new boolean[] {false, true}) {
      assertEquals(Outcome.of(OLD_OPENAI, data, capture), Outcome.of(NEW_OPENAI, data, capture), describe(data));
      assertEquals(Outcome.of(OLD_TGI, data, capture), Outcome.of(NEW_TGI, data, capture), describe(data));
    }
  }

  private static void assertAgreeOnBrokenInput(byte[] data) {
    if (contains(data, (byte) 0xFF)) {
      for (boolean capture : new boolean[] {false, true}) {
        assertTrue(Outcome.of(NEW_OPENAI, data, capture).failed(), describe(data));
        assertTrue(Outcome.of(NEW_TGI, data, capture).failed(), describe(data));
      }
    } else if (contains(Arrays.copyOf(data, Math.min(4, data.length)), (byte) 0)) {
      for (Reader reader : new Reader[] {OLD_OPENAI, NEW_OPENAI, OLD_TGI, NEW_TGI}) {
        assertTrue(Outcome.of(reader, data, false).failed(), describe(data));
      }
    } else {
      assertSame(data);
    }
  }

  private static boolean contains(byte[] data, byte wanted) {
    for (byte b : data) {
      if (b == wanted) {
        return true;
      }
    }
    return false;
  }

  private static String describe(byte[] data) {
    StringBuilder hex = new StringBuilder();
    for (byte b : data) {
      hex.append(String.format("%02x", b));
    }
    return new String(data, StandardCharsets.UTF_8) + "\nhex: " + hex;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void realisticEventsFromEveryServerShape() {
    for (String event : EventCorpus.REALISTIC) {
      assertSame(utf8(event));
    }
  }

  @Test
  void hostileAndBrokenEventsGetTheSameVerdictAndMessage() {
    for (String event : EventCorpus.BROKEN) {
      assertSame(utf8(event));
    }
  }

  @Test
  void limitsOfNestingAndNumberLengthAreJacksons() {
    for (int depth : new int[] {999, 1000, 1001, 5000}) {
      String nested = "[".repeat(depth - 1) + "]".repeat(depth - 1);
      assertSame(utf8("{\"a\":" + nested + "}"));
      assertSame(utf8("{\"choices\":[{\"delta\":" + "{\"x\":".repeat(depth - 3) + "1" + "}".repeat(depth - 2) + "]}"));
    }
    for (int digits : new int[] {999, 1000, 1001}) {
      String number = "7".repeat(digits);
      assertSame(utf8("{\"a\":" + number + "}"));
      assertSame(utf8("{\"a\":-" + number + "}"));
      assertSame(utf8("{\"a\":1." + number.substring(1) + "}"));
      assertSame(utf8("{\"a\":1.5e" + number.substring(2) + "}"));
    }
  }

  @Test
  void seededRandomEventsAgreeExactly() {
    RandomEvents events = new RandomEvents(new Random(20261123L));
    for (int i = 0; i < RANDOM_EVENTS; i++) {
      assertSame(utf8(i % 2 == 0 ? events.openAi() : events.tgi()));
    }
  }

  @Test
  void seededMutationsAgreeExactlyToo() {
    RandomEvents events = new RandomEvents(new Random(Long.getLong("diffSeed", 7L)));
    Random mutations = new Random(Long.getLong("diffSeed", 7L) + 4);
    int inputs = 0;
    int rejected = 0;
    for (int i = 0; i < RANDOM_EVENTS; i++) {
      byte[] event = utf8(i % 2 == 0 ? events.openAi() : events.tgi());
      for (int m = 0; m < MUTATIONS_PER_EVENT; m++) {
        byte[] mutated = Mutations.apply(event, mutations);
        inputs++;
        rejected += Outcome.of(OLD_OPENAI, mutated, false).failed() ? 1 : 0;
        assertAgreeOnBrokenInput(mutated);
      }
    }
    // Not trivially true: most mutations break the JSON, and some still parse.
    assertTrue(rejected > inputs / 2 && rejected < inputs, rejected + " of " + inputs + " rejected");
  }

  /** Byte-level damage: what a broken server, a proxy or fault injection can do to an event. */
  static final class Mutations {
    private static final byte[] INTERESTING = utf8("{}[]:,\"\\ \t\r\nu0123456789-+.eEtrufalsn/bx\u00e9");

    static byte[] apply(byte[] event, Random random) {
      int at = random.nextInt(event.length + 1);
      List<Byte> bytes = new ArrayList<>(event.length + 1);
      for (byte b : event) {
        bytes.add(b);
      }
      switch (random.nextInt(4)) {
        case 0 -> {
          if (at < bytes.size()) {
            bytes.remove(at);
          }
        }
        case 1 -> bytes.add(at, someByte(random));
        case 2 -> {
          if (at < bytes.size()) {
            bytes.set(at, someByte(random));
          }
        }
        default -> bytes.subList(at, bytes.size()).clear();
      }
      byte[] out = new byte[bytes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = bytes.get(i);
      }
      return out;
    }

    private static byte someByte(Random random) {
      return random.nextInt(3) == 0 ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
    }
  }
}
