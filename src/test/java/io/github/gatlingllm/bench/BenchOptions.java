package io.github.gatlingllm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line settings of {@link AccuracyBenchmark}, all {@code --key=value}:
 *
 * <ul>
 *   <li>{@code levels} concurrency levels, comma-separated (default 1,100,1000)
 *   <li>{@code ttftMs}, {@code itlMs}, {@code outputLen}, {@code inputLen}: the mock's latency and the request shape
 *       (100, 20, 64, 32)
 *   <li>{@code prompts} measured requests per level (default max(50, 3N)); {@code warmups} (default N)
 *   <li>{@code clientArg} an extra JVM argument of the Gatling JVM, repeatable (e.g. -XX:+UseParallelGC; -D
 *       properties such as -Dllm.itlStats=none go here too); {@code clientHeap} its -Xmx/-Xms (default 1g)
 *   <li>{@code variant} a label for the table (default: the client arguments, or "default")
 *   <li>{@code out} the Markdown file rows are appended to (default target/accuracy-bench/results.md)
 * </ul>
 */
record BenchOptions(
    List<Integer> levels,
    double ttftMs,
    double itlMs,
    int outputLen,
    int inputLen,
    int prompts,
    int warmups,
    List<String> clientArgs,
    String clientHeap,
    String variant,
    Path out) {

  static BenchOptions parse(String[] args) {
    List<Integer> levels = List.of(1, 100, 1000);
    double ttftMs = 100;
    double itlMs = 20;
    int outputLen = 64;
    int inputLen = 32;
    int prompts = 0;
    int warmups = -1;
    List<String> clientArgs = new ArrayList<>();
    String clientHeap = "1g";
    String variant = null;
    Path out = Path.of("target", "accuracy-bench", "results.md");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --key=value, got " + arg);
      }
      String key = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (key) {
        case "levels" -> {
          List<Integer> parsed = new ArrayList<>();
          for (String level : value.split(",")) {
            parsed.add(Integer.parseInt(level.trim()));
          }
          levels = List.copyOf(parsed);
        }
        case "ttftMs" -> ttftMs = Double.parseDouble(value);
        case "itlMs" -> itlMs = Double.parseDouble(value);
        case "outputLen" -> outputLen = Integer.parseInt(value);
        case "inputLen" -> inputLen = Integer.parseInt(value);
        case "prompts" -> prompts = Integer.parseInt(value);
        case "warmups" -> warmups = Integer.parseInt(value);
        case "clientArg" -> clientArgs.add(value);
        case "clientHeap" -> clientHeap = value;
        case "variant" -> variant = value;
        case "out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown setting --" + key);
      }
    }
    if (variant == null) {
      variant = clientArgs.isEmpty() ? "default" : String.join(" ", clientArgs);
    }
    return new BenchOptions(
        levels, ttftMs, itlMs, outputLen, inputLen, prompts, warmups, List.copyOf(clientArgs), clientHeap, variant,
        out);
  }

  /** Measured requests at concurrency n: enough for three full waves, and at least 50 for the sequential case. */
  int promptsFor(int n) {
    return prompts > 0 ? prompts : Math.max(50, 3 * n);
  }

  /** One warm-up per stream: it opens the stream's keep-alive connection and exercises the hot paths. */
  int warmupsFor(int n) {
    return warmups >= 0 ? warmups : n;
  }
}
