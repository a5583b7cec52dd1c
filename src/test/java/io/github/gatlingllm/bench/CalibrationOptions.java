package io.github.gatlingllm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line settings of {@link CalibrationBenchmark} ({@code --key=value}, flags without a value):
 *
 * <ul>
 *   <li>{@code --pin} (default) / {@code --unpinned}: pinned, the client JVM runs on core 0 ({@code taskset -c 0}) and
 *       the server on core 1; unpinned, both float over all cores as the kernel likes
 *   <li>{@code --levels=open:100,500,1000,2000,5000;closed:1,64,512@25,2000@100,10000@500}: open-loop rates (req/s,
 *       Poisson) and closed-loop stream counts; {@code @ms} gives that level its own ITL (see {@link Level})
 *   <li>{@code --ttftMs=50 --itlMs=10 --tokens=10}: the server's schedule and answer length
 *   <li>{@code --seconds=20}: the measured phase's intended length per level
 *   <li>{@code --warmupSeconds=15}: the warm-up's length per level, at the level's own load (see
 *       {@link Level#warmups})
 *   <li>{@code --clientArg=...} (repeatable) an extra JVM argument of the Gatling JVM, e.g. a JIT or GC option;
 *       {@code --clientHeap=1g} its -Xms/-Xmx
 *   <li>{@code --label=...} a name for the run in the table (default: pinned/unpinned plus the client arguments)
 *   <li>{@code --out=target/calibration/results.md} the Markdown file rows are appended to
 *   <li>{@code --results=bench/results} where the raw rows (CSV) and the chart (SVG) go
 *   <li>{@code --chart-only}: run nothing, redraw the chart from the CSV
 * </ul>
 */
record CalibrationOptions(
    boolean pinned,
    List<Level> levels,
    long ttftMs,
    long itlMs,
    int tokens,
    double seconds,
    double warmupSeconds,
    List<String> clientArgs,
    String clientHeap,
    String label,
    Path out,
    Path resultsDir,
    boolean chartOnly) {

  /** The default sweep of issue 15: 5 open-loop rates and 5 closed-loop stream counts. */
  static final String DEFAULT_LEVELS = "open:100,500,1000,2000,5000;closed:1,64,512@25,2000@100,10000@500";

  enum Kind {
    OPEN,
    CLOSED;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One level: an open-loop rate or a closed-loop stream count, and its ITL when it has its own. Big closed levels need
   * a slower ITL: N streams at ITL t ms make N x 1000 / t chunks per second (10,000 streams at 10 ms: 1 M/s), far
   * beyond what one core can write or read; the default sweep keeps them at 20,000 chunks/s (512 @ 25 ms, 2,000 @ 100,
   * 10,000 @ 500), which also keeps their request rate near 2,000/s. The open levels make R x tokens chunks/s whatever
   * the ITL (5,000 req/s x 10 = 50,000 chunks/s).
   */
  record Level(Kind kind, int value, Long itlMsOverride) {
    Level {
      if (value < 1) {
        throw new IllegalArgumentException("a level must be >= 1, got " + value);
      }
      if (itlMsOverride != null && itlMsOverride < 0) {
        throw new IllegalArgumentException("a level's ITL must be >= 0 ms, got " + itlMsOverride);
      }
    }

    long itlMs(CalibrationOptions o) {
      return itlMsOverride == null ? o.itlMs() : itlMsOverride;
    }

    /** How long one answer takes on the server's schedule: TTFT, then tokens - 1 gaps. */
    double answerSeconds(CalibrationOptions o) {
      return (o.ttftMs() + (o.tokens() - 1) * itlMs(o)) / 1000.0;
    }

    /** Open: the rate asked for. Closed: what N streams achieve with a client that adds nothing (N / answer time). */
    double targetRate(CalibrationOptions o) {
      return kind == Kind.OPEN ? value : value / answerSeconds(o);
    }

    int measuredRequests(CalibrationOptions o) {
      return (int) Math.max(kind == Kind.CLOSED ? 3L * value : 10, Math.round(targetRate(o) * o.seconds()));
    }

    /**
     * Warm-ups before the measured phase, {@code --warmupSeconds} of the level's own load, so that the JIT compiler
     * has compiled the whole path (Gatling's engine, the plugin, the server) before the first measured request (on
     * one core it otherwise took most of the core for the first 10 s of the measured load): open, the rate's arrivals
     * ({@code llm.warmupArrivals=load}); closed, N streams kept busy (at least one request per stream).
     */
    int warmups(CalibrationOptions o) {
      return (int) Math.max(kind == Kind.CLOSED ? value : 16, Math.round(targetRate(o) * o.warmupSeconds()));
    }

    /**
     * Connections opened before the warm-ups ({@code llm.preconnect}): closed, one per stream; open, 1.5 x the
     * requests in flight in steady state (rate x answer time), at least 16. At most 128 connect at once, so the
     * server's accept queue never overflows, as a burst of warm-ups all at once made it do at 10,000 streams.
     */
    int preconnect(CalibrationOptions o) {
      return kind == Kind.CLOSED ? value : (int) Math.max(16, Math.ceil(1.5 * value * answerSeconds(o)));
    }

    String id() {
      return kind.id() + ":" + value + (itlMsOverride == null ? "" : "@" + itlMsOverride);
    }
  }

  static CalibrationOptions parse(String[] args) {
    boolean pinned = true;
    String levels = DEFAULT_LEVELS;
    long ttftMs = 50;
    long itlMs = 10;
    int tokens = 10;
    double seconds = 20;
    double warmupSeconds = 15;
    List<String> clientArgs = new ArrayList<>();
    String clientHeap = "1g";
    String label = null;
    Path out = Path.of("target", "calibration", "results.md");
    Path results = Path.of("bench", "results");
    boolean chartOnly = false;
    for (String arg : args) {
      switch (arg) {
        case "--pin", "--pinned" -> pinned = true;
        case "--unpinned" -> pinned = false;
        case "--chart-only" -> chartOnly = true;
        default -> {
          int eq = arg.indexOf('=');
          if (!arg.startsWith("--") || eq < 0) {
            throw new IllegalArgumentException(
                "expected --key=value, --pin, --unpinned or --chart-only, got '" + arg + "'");
          }
          String key = arg.substring(2, eq);
          String value = arg.substring(eq + 1);
          switch (key) {
            case "levels" -> levels = value;
            case "ttftMs" -> ttftMs = whole(key, value, 0);
            case "itlMs" -> itlMs = whole(key, value, 0);
            case "tokens" -> tokens = (int) whole(key, value, 1);
            case "seconds" -> seconds = positive(key, value);
            case "warmupSeconds" -> warmupSeconds = positive(key, value);
            case "clientArg" -> clientArgs.add(value);
            case "clientHeap" -> clientHeap = value;
            case "label" -> label = value;
            case "out" -> out = Path.of(value);
            case "results" -> results = Path.of(value);
            default -> throw new IllegalArgumentException(
                "unknown setting --" + key + " (see bench/README.md for the options)");
          }
        }
      }
    }
    if (label == null) {
      label = (pinned ? "pinned" : "unpinned") + (clientArgs.isEmpty() ? "" : " " + String.join(" ", clientArgs));
    }
    return new CalibrationOptions(
        pinned, parseLevels(levels), ttftMs, itlMs, tokens, seconds, warmupSeconds, List.copyOf(clientArgs), clientHeap, label, out,
        results, chartOnly);
  }

  /** {@code open:100,500;closed:1,64@10}: a kind, a colon, comma-separated values with an optional {@code @itlMs}. */
  static List<Level> parseLevels(String text) {
    List<Level> levels = new ArrayList<>();
    for (String group : text.split(";")) {
      if (group.isBlank()) {
        continue;
      }
      int colon = group.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "--levels: '" + group + "' should be open:<rates> or closed:<streams>, e.g. " + DEFAULT_LEVELS);
      }
      String kindText = group.substring(0, colon).trim();
      Kind kind =
          switch (kindText) {
            case "open" -> Kind.OPEN;
            case "closed" -> Kind.CLOSED;
            default -> throw new IllegalArgumentException(
                "--levels: unknown kind '" + kindText + "' (open or closed)");
          };
      for (String item : group.substring(colon + 1).split(",")) {
        String v = item.trim();
        int at = v.indexOf('@');
        try {
          int value = Integer.parseInt(at < 0 ? v : v.substring(0, at));
          Long itl = at < 0 ? null : Long.parseLong(v.substring(at + 1));
          levels.add(new Level(kind, value, itl));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--levels: '" + v + "' in " + kindText + " is not a whole number (optionally @<itl ms>)");
        }
      }
    }
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("--levels names no level: '" + text + "'");
    }
    return List.copyOf(levels);
  }

  String mode() {
    return pinned ? "pinned" : "unpinned";
  }

  private static long whole(String key, String value, long min) {
    long v;
    try {
      v = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + value + "'");
    }
    if (v < min) {
      throw new IllegalArgumentException("--" + key + " must be >= " + min + ", got " + v);
    }
    return v;
  }

  private static double positive(String key, String value) {
    double v;
    try {
      v = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a number, got '" + value + "'");
    }
    if (!(v > 0)) {
      throw new IllegalArgumentException("--" + key + " must be > 0, got " + value);
    }
    return v;
  }
}
