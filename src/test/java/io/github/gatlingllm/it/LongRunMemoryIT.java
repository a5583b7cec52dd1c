package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run keeps no request: 200,000 requests of 16 output tokens against the embedded mock complete in a Gatling JVM
 * limited to a 256 MB heap (a quarter of Gatling's default), and every output is written: the summary, one CSV row per
 * request, Gatling's report with the LLM block. Before, each request's record (with its chunk times) was kept until
 * the end, and such a run ran out of heap.
 */
class LongRunMemoryIT {
  private static final int REQUESTS = 200_000;

  @TempDir Path results;

  @Test
  void twoHundredThousandRequestsFitInA256MbHeap() throws Exception {
    Map<String, String> knobs =
        Map.of(
            "llm.numPrompts", Integer.toString(REQUESTS),
            "llm.requestRate", "3000", // below what this client and mock sustain on 2 cores, so few users wait
            "llm.maxConcurrency", "64",
            "llm.randomInputLen", "8",
            "llm.randomOutputLen", "16",
            "llm.ignoreEos", "true",
            "mock.ttftMs", "0",
            "mock.itlMs", "0");
    // A hang guard, not a performance bound (the run takes one to three minutes on a 2-core machine).
    GatlingRun run = GatlingRun.run("io.github.gatlingllm.simulations.ServingBenchmark", knobs, results, "256m", 900);
    assertEquals(0, run.exitCode, tail(run.output));
    assertTrue(!run.output.contains("OutOfMemoryError"), tail(run.output));
    Path folder = run.runFolder();
    JsonNode summary = new ObjectMapper().readTree(folder.resolve("llm-summary.json").toFile());
    assertEquals(REQUESTS, summary.get("completed").asInt(), summary.toString());
    assertEquals(0, summary.get("failed").asInt());
    assertEquals(16L * REQUESTS, summary.get("total_output_tokens").asLong());
    try (Stream<String> lines = Files.lines(folder.resolve("llm-requests.csv"))) {
      assertEquals(REQUESTS + 1, lines.count(), "a header and one row per request");
    }
    String index = Files.readString(folder.resolve("index.html"));
    assertTrue(index.contains("id=\"llm-summary\""), "the LLM block in Gatling's report");
  }

  private static String tail(String output) {
    return output.length() <= 8000 ? output : output.substring(output.length() - 8000);
  }
}
