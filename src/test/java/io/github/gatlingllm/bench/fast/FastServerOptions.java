package io.github.gatlingllm.bench.fast;

/**
 * Knobs of {@link FastStreamServer}, all {@code --key=value}: {@code port} (0 = a free one), {@code ttftMs} and
 * {@code itlMs} (the schedule: first chunk TTFT after the request was read, then one chunk every ITL, both rounded up
 * to the wheel's 1 ms steps), {@code tokens} (chunks per answer, whatever the request asks), {@code threads} (event
 * loops), {@code backlog} (the listening socket's accept queue), {@code truthSkipFirst} (the first W generation
 * requests, the warm-ups, stay out of the truth).
 */
public record FastServerOptions(
    int port, long ttftMs, long itlMs, int tokens, int threads, int backlog, long truthSkipFirst) {

  /**
   * 16,384 rather than the kernel's usual 4,096 (net.core.somaxconn caps it; raise that too for more): a closed-loop
   * level opens all its connections at once (10,000 warm-ups), and a full accept queue drops SYNs, which the client
   * then retries after 1 s, then 3 s: a server-side delay that would read as client error.
   */
  public static final int DEFAULT_BACKLOG = 16_384;

  public FastServerOptions {
    require(port >= 0 && port <= 65_535, "port", port, "0 (a free port) to 65535");
    require(ttftMs >= 0, "ttftMs", ttftMs, ">= 0");
    require(itlMs >= 0, "itlMs", itlMs, ">= 0");
    require(tokens >= 1 && tokens <= 100_000, "tokens", tokens, "1 to 100000");
    require(threads >= 1 && threads <= 64, "threads", threads, "1 to 64");
    require(backlog >= 1, "backlog", backlog, ">= 1");
    require(truthSkipFirst >= 0, "truthSkipFirst", truthSkipFirst, ">= 0");
  }

  public static FastServerOptions defaults() {
    return new FastServerOptions(0, 50, 10, 10, 1, DEFAULT_BACKLOG, 0);
  }

  public static FastServerOptions parse(String[] args) {
    FastServerOptions o = defaults();
    int port = o.port;
    long ttftMs = o.ttftMs;
    long itlMs = o.itlMs;
    int tokens = o.tokens;
    int threads = o.threads;
    int backlog = o.backlog;
    long skip = o.truthSkipFirst;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
      }
      String key = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (key) {
        case "port" -> port = (int) number(key, value);
        case "ttftMs" -> ttftMs = number(key, value);
        case "itlMs" -> itlMs = number(key, value);
        case "tokens" -> tokens = (int) number(key, value);
        case "threads" -> threads = (int) number(key, value);
        case "backlog" -> backlog = (int) number(key, value);
        case "truthSkipFirst" -> skip = number(key, value);
        default -> throw new IllegalArgumentException(
            "unknown setting --" + key + " (known: port, ttftMs, itlMs, tokens, threads, backlog, truthSkipFirst)");
      }
    }
    return new FastServerOptions(port, ttftMs, itlMs, tokens, threads, backlog, skip);
  }

  private static long number(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + value + "'");
    }
  }

  private static void require(boolean ok, String key, long value, String accepted) {
    if (!ok) {
      throw new IllegalArgumentException("--" + key + "=" + value + " is out of range: " + accepted);
    }
  }
}
