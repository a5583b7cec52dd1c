package io.github.gatlingllm.mock;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link MockLlmServer} as a process until SIGTERM or Ctrl-C:
 *
 * <pre>
 * java -cp target/classes:$(cat cp.txt) io.github.gatlingllm.mock.MockServerMain --port=8000 --ttftMs=100 --itlMs=20
 * </pre>
 *
 * <p>Settings come from {@code -Dmock.<key>=<value>} system properties, then {@code --<key>=<value>} arguments (which
 * win); {@code --<key>} alone means {@code true}. Keys: {@code port, model, strictModel, maxModelLen, seed, ttftMs,
 * ttftPerPromptTokenMs, itlMs, itlPerActiveStreamMs, itlJitterMs, defaultMaxTokens, threads, nativeTransport,
 * faultMode, faultEvery, faultOffset, faultStatus, faultAfterTokens, faultStallMs, truthSkipFirst}, and every other
 * {@link MockKnob} (e.g. {@code --batchSlots=8}); {@code --help} describes them. {@code GET /mock/stats} returns what the server really did ({@link MockTruth}); {@code POST
 * /mock/stats/reset} starts it over.
 * A bad setting prints its error and exits with status 2.
 */
public final class MockServerMain {

  private MockServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Without a logging configuration, the SLF4J backend on Gatling's class path prints Netty's DEBUG start-up
    // chatter; java.util.logging's default level (INFO) keeps the console to what matters.
    InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.print(usage());
        return;
      }
    }
    MockConfig config;
    try {
      config = MockConfig.fromProperties(settings(System.getProperties(), args));
    } catch (IllegalArgumentException e) {
      System.err.println("mock LLM server: " + e.getMessage());
      System.err.println("Run with --help for the accepted settings.");
      System.exit(2);
      return;
    }
    MockLlmServer server = MockLlmServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mock-llm-shutdown"));
    PrintStream out = System.out;
    out.println("mock LLM server listening on " + server.baseUrl());
    out.println("transport: " + server.transport() + "; effective settings:");
    out.print(MockConfigParser.describe(config));
    out.flush();
    reportTimingEvery10Seconds(server);
    server.awaitClosed();
  }

  /** Prints the server's own schedule error after each 10 s during which tokens were written. */
  private static void reportTimingEvery10Seconds(MockLlmServer server) {
    Thread reporter =
        new Thread(
            () -> {
              long reported = 0;
              try {
                while (true) {
                  Thread.sleep(10_000);
                  MockTimingStats stats = server.timingStats();
                  if (stats.tokens() != reported) {
                    reported = stats.tokens();
                    System.out.println("since start: " + stats.describe());
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "mock-llm-timing-report");
    reporter.setDaemon(true);
    reporter.start();
  }

  /** The {@code mock.*} system properties overlaid with the {@code --key=value} arguments. */
  static Map<String, String> settings(Map<Object, Object> systemProperties, String[] args) {
    Map<String, String> settings = new LinkedHashMap<>();
    systemProperties.forEach(
        (key, value) -> {
          if (key instanceof String name && name.startsWith(MockKnob.PREFIX)) {
            settings.put(name, String.valueOf(value));
          }
        });
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() == 2 || arg.charAt(2) == '=') {
        throw new IllegalArgumentException(
            "Unrecognised argument '" + arg + "': expected --<setting>=<value> (see --help)");
      }
      int equals = arg.indexOf('=');
      String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      settings.put(MockKnob.PREFIX + key, equals < 0 ? "true" : arg.substring(equals + 1));
    }
    return settings;
  }

  static String usage() {
    return "Usage: java -cp ... io.github.gatlingllm.mock.MockServerMain [--<setting>=<value> ...]\n"
        + "An OpenAI-compatible streaming LLM server on 127.0.0.1 for load tests. Settings may also be given as\n"
        + "-Dmock.<setting>=<value>. Latency: TTFT = ttftMs + ttftPerPromptTokenMs * uncached prompt words;\n"
        + "ITL = itlMs + itlPerActiveStreamMs * requests running +/- itlJitterMs. With batchSlots=B, at most B\n"
        + "requests run; the others wait in one FIFO queue, and their TTFT counts the wait.\n"
        + "Prefix cache: a prompt's leading blocks of prefixBlockTokens words seen before (LRU of prefixCacheBlocks,\n"
        + "0 = off) are cached: reported as usage.prompt_tokens_details.cached_tokens and vllm:prefix_cache_hits.\n"
        + "Per-request faults: header x-mock-fault: <mode> (x-mock-fault-status, x-mock-fault-after-tokens,\n"
        + "x-mock-fault-stall-ms override the settings below for that request).\n"
        + "GET /mock/stats: server-side TTFT and ITL (the truth for accuracy benchmarks) and token lateness;\n"
        + "GET /mock/requests: the last 10,000 generation requests (prompt tokens, max tokens, x-user-id);\n"
        + "POST /mock/stats/reset: start them over.\n"
        + "GET /metrics: Prometheus text with vLLM's names (requests running and waiting, KV-cache usage of the\n"
        + "requests in flight over kvCacheTokens, prefix-cache queries = prompt tokens received, hits = cached).\n\n"
        + "Settings:\n"
        + MockConfigParser.help();
  }
}
