package io.github.gatlingllm.metrics;

import java.util.List;

/**
 * A small hand-made run used by the metrics and report tests. Times are in ms from an arbitrary nanoTime origin.
 *
 * <pre>
 *        intended send  chunks (ms)          out tokens   prompt  first content  end   outcome
 *   A    0        0     100 150 200 250      4 (usage)    10      150            260   ok
 *   B    0        100   400 1300             1 (usage)    20      1300           1310  ok (queued 100 ms)
 *   C    250      250   350 450 850          not set      unknown -              900   ok (starts as A ends)
 *   D    200      200   -                    -            30      -              220   HTTP 503
 *   E    1000     1000  1100 1200            -            5       -              2000  idle timeout
 * </pre>
 */
public final class TestRecords {
  /** Far from 0 so that a forgotten origin shows. */
  public static final long T0 = 5_000_000_000_000L;

  private TestRecords() {}

  public static long ms(double millis) {
    return T0 + Math.round(millis * 1_000_000);
  }

  public static List<RequestRecord> scenario() {
    RequestRecord a = new RequestRecord("chat");
    a.intended(ms(0));
    a.sent(ms(0));
    for (int t : new int[] {100, 150, 200, 250}) {
      a.chunk(ms(t));
    }
    a.firstContent(ms(150));
    a.promptTokens(10, TokenSource.USAGE);
    a.outputTokens(4, TokenSource.USAGE);
    a.httpStatus(200);
    a.generatedText("Hello <world>");
    a.ended(ms(260));

    RequestRecord b = new RequestRecord("chat");
    b.intended(ms(0));
    b.sent(ms(100));
    b.chunk(ms(400));
    b.chunk(ms(1300));
    b.firstContent(ms(1300));
    b.promptTokens(20, TokenSource.USAGE);
    b.outputTokens(1, TokenSource.USAGE);
    b.httpStatus(200);
    b.generatedText("ok");
    b.ended(ms(1310));

    RequestRecord c = new RequestRecord("chat");
    c.intended(ms(250));
    c.sent(ms(250));
    for (int t : new int[] {350, 450, 850}) {
      c.chunk(ms(t));
    }
    c.httpStatus(200);
    c.ended(ms(900));

    RequestRecord d = new RequestRecord("chat");
    d.intended(ms(200));
    d.sent(ms(200));
    d.promptTokens(30, TokenSource.TOKENIZER);
    d.httpStatus(503);
    d.failed(ErrorCategory.HTTP_STATUS, "Service Unavailable");
    d.ended(ms(220));

    RequestRecord e = new RequestRecord("chat");
    e.intended(ms(1000));
    e.sent(ms(1000));
    e.chunk(ms(1100));
    e.chunk(ms(1200));
    e.promptTokens(5, TokenSource.USAGE);
    e.httpStatus(200);
    e.failed(ErrorCategory.IDLE_TIMEOUT, "no byte for 800 ms");
    e.ended(ms(2000));

    return List.of(a, b, c, d, e);
  }

  /**
   * {@link #scenario()} from a server that reports cached prompt tokens: A hit (8 of its 10 prompt tokens cached, TTFT
   * 100 ms), B a miss (0 of 20, TTFT 300 ms), C silent (unknown), D failed though it reported 30 (not counted). Over
   * the successful reporters: 8 cached of 30 prompt tokens.
   */
  public static List<RequestRecord> cachedScenario() {
    List<RequestRecord> records = scenario();
    records.get(0).cachedTokens(8);
    records.get(1).cachedTokens(0);
    records.get(3).cachedTokens(30);
    return records;
  }

  public static RunDescription run(Integer maxConcurrency, double rate) {
    return new RunDescription("openai-chat", null, "test", "qwen3-0.6b", "Qwen/Qwen3-0.6B", 5, rate, 1.0,
        maxConcurrency, 1_700_000_000_000L);
  }

  /** The same run described with a ramped rate (request_rate "inf", no cap). */
  public static RunDescription ramped(RampUp ramp) {
    return new RunDescription("openai-chat", null, "test", "qwen3-0.6b", "Qwen/Qwen3-0.6B", 5,
        Double.POSITIVE_INFINITY, 1.0, null, 1_700_000_000_000L, ramp);
  }
}
