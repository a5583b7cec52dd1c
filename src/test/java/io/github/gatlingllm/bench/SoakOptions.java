package io.github.gatlingllm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line settings of {@link SoakBenchmark}, all {@code --key=value}:
 *
 * <ul>
 *   <li>{@code minutes} length of the steady load (default 30): {@code llm.numPrompts} = rate x 60 x minutes
 *   <li>{@code rate} arrivals per second, Poisson (default 25)
 *   <li>{@code inputLen}, {@code outputLen} prompt tokens and {@code max_tokens} with {@code ignore_eos} (128, 256)
 *   <li>{@code ttftMs}, {@code itlMs} the mock's latency (100, 20)
 *   <li>{@code interval} seconds between two samples (default 15)
 *   <li>{@code forceGc} run a full collection in the Gatling JVM before each heap sample (default true; false: only
 *       the collections the JVM ran by itself are read)
 *   <li>{@code clientArg} an extra JVM argument of the Gatling JVM, repeatable; {@code clientHeap} its -Xmx (1G)
 *   <li>{@code out} the results folder (default target/soak/&lt;timestamp&gt;)
 * </ul>
 */
record SoakOptions(
    double minutes,
    double rate,
    int inputLen,
    int outputLen,
    double ttftMs,
    double itlMs,
    int intervalSeconds,
    boolean forceGc,
    List<String> clientArgs,
    String clientHeap,
    Path out) {

  static SoakOptions parse(String[] args, Path defaultOut) {
    double minutes = 30;
    double rate = 25;
    int inputLen = 128;
    int outputLen = 256;
    double ttftMs = 100;
    double itlMs = 20;
    int interval = 15;
    boolean forceGc = true;
    List<String> clientArgs = new ArrayList<>();
    String clientHeap = "1G";
    Path out = defaultOut;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --key=value, got " + arg);
      }
      String key = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (key) {
        case "minutes" -> minutes = Double.parseDouble(value);
        case "rate" -> rate = Double.parseDouble(value);
        case "inputLen" -> inputLen = Integer.parseInt(value);
        case "outputLen" -> outputLen = Integer.parseInt(value);
        case "ttftMs" -> ttftMs = Double.parseDouble(value);
        case "itlMs" -> itlMs = Double.parseDouble(value);
        case "interval" -> interval = Integer.parseInt(value);
        case "forceGc" -> forceGc = Boolean.parseBoolean(value);
        case "clientArg" -> clientArgs.add(value);
        case "clientHeap" -> clientHeap = value;
        case "out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown setting --" + key);
      }
    }
    if (!(minutes > 0) || !(rate > 0) || interval < 1 || inputLen < 1 || outputLen < 1) {
      throw new IllegalArgumentException("minutes, rate, interval, inputLen and outputLen must be positive");
    }
    return new SoakOptions(
        minutes, rate, inputLen, outputLen, ttftMs, itlMs, interval, forceGc, List.copyOf(clientArgs), clientHeap,
        out);
  }

  /** Requests of the measured phase: the rate held for the whole duration. */
  int numPrompts() {
    return (int) Math.max(1, Math.round(rate * 60 * minutes));
  }
}
