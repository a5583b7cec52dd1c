package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.report.Recompute;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three injector JVMs acting as one run: started together against one mock server, each told the whole rate and
 * count and taking its share ({@code llm.injectorIndex} of {@code llm.injectorCount}), then merged by
 * {@link Recompute} into one summary and one standalone page. They start their load together ({@code llm.startAt}),
 * so that the merged run spans what one generator's would.
 */
class FleetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIMULATION = "io.github.gatlingllm.simulations.ServingBenchmark";
  private static final int INJECTORS = 3;
  private static final int REQUESTS = 150;
  private static final double RATE = 30;
  /** Enough for three JVMs on two cores to load Gatling, the tokenizer and the prompts. */
  private static final long START_AHEAD_SECONDS = 25;

  @TempDir Path dir;

  @Test
  void threeInjectorsMergeIntoOneRun() throws Exception {
    List<Path> csvs = new ArrayList<>();
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(1).build())) {
      List<Process> injectors = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      // Started at once, the JVMs get ready seconds apart (2 cores, 3 JVMs): they start their load together at an
      // instant far enough ahead for all to be ready; one that is not says so in its log (checked below).
      String startAt = java.time.Instant.now().plusSeconds(START_AHEAD_SECONDS).toString();
      for (int i = 0; i < INJECTORS; i++) {
        Map<String, String> knobs = new LinkedHashMap<>();
        knobs.put("llm.baseUrl", server.baseUrl());
        knobs.put("llm.model", "mock-llm");
        knobs.put("llm.numPrompts", Integer.toString(REQUESTS));
        knobs.put("llm.requestRate", Double.toString(RATE)); // the fleet's rate: each injector divides it
        knobs.put("llm.randomInputLen", "32");
        knobs.put("llm.randomOutputLen", "16");
        knobs.put("llm.injectorIndex", Integer.toString(i));
        knobs.put("llm.injectorCount", Integer.toString(INJECTORS));
        knobs.put("llm.runId", "fleet-it");
        knobs.put("llm.startAt", startAt);
        Path log = dir.resolve("injector-" + i + ".log");
        logs.add(log);
        injectors.add(GatlingRun.start(SIMULATION, knobs, dir.resolve("results-" + i), log));
      }
      for (int i = 0; i < INJECTORS; i++) {
        Process p = injectors.get(i);
        try {
          // A hang guard, not a performance bound.
          assertTrue(p.waitFor(240, TimeUnit.SECONDS), "injector " + i + " hangs:\n" + Files.readString(logs.get(i)));
          String log = Files.readString(logs.get(i));
          assertEquals(0, p.exitValue(), log);
          assertTrue(log.contains("Waiting "), "injector " + i + " was not ready by startAt:\n" + log);
        } finally {
          p.destroyForcibly();
        }
      }
      assertEquals(REQUESTS, server.acceptedRequests(), "the fleet sent the run's requests, once each");
      for (int i = 0; i < INJECTORS; i++) {
        Path folder = runFolder(dir.resolve("results-" + i));
        JsonNode own = JSON.readTree(folder.resolve("llm-summary.json").toFile());
        assertEquals("fleet-it", own.get("run_id").asText());
        assertEquals(i, own.get("injector_index").asInt());
        assertEquals(INJECTORS, own.get("injector_count").asInt());
        assertEquals(REQUESTS / INJECTORS, own.get("num_prompts").asInt(), "its share");
        assertEquals(RATE / INJECTORS, own.get("request_rate").asDouble(), 1e-9, "its share of the rate");
        csvs.add(folder.resolve("llm-requests.csv"));
      }
    }

    Path merged = dir.resolve("merged");
    List<String> args = new ArrayList<>(List.of("--percentiles=50,90,99", "--out=" + merged));
    csvs.forEach(csv -> args.add(csv.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Recompute.run(
            args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

    JsonNode summary = JSON.readTree(merged.resolve("llm-summary.json").toFile());
    assertEquals(REQUESTS, summary.get("num_prompts").asInt(), summary.toString());
    assertEquals(REQUESTS, summary.get("completed").asInt(), summary.toString());
    assertEquals(RATE, summary.get("request_rate").asDouble(), 1e-9, "the shares add up");
    assertEquals("fleet-it", summary.get("run_id").asText());
    double throughput = summary.get("request_throughput").asDouble();
    assertTrue(Math.abs(throughput - RATE) <= 0.1 * RATE, "merged throughput " + throughput + " req/s");

    double[] ttfts = pooledColumn(csvs, "ttft_ms");
    assertEquals(REQUESTS, ttfts.length);
    for (double p : new double[] {50, 90, 99}) {
      String key = "p" + (int) p + "_ttft_ms";
      assertEquals(numpyLinear(ttfts, p), summary.get(key).asDouble(), 1e-6, key);
    }
    assertEquals(numpyLinear(ttfts, 50), summary.get("median_ttft_ms").asDouble(), 1e-6);

    Path page = merged.resolve("llm-report.html");
    String html = Files.readString(page);
    assertTrue(html.contains("id=\"llm-report-data\""), "the LLM block with its charts");
    Matcher asset = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
    Set<String> assets = new HashSet<>();
    while (asset.find()) {
      assets.add(asset.group(1));
    }
    assertTrue(assets.contains("js/highstock.js"), assets.toString());
    for (String a : assets) {
      if (!a.startsWith("http") && !a.startsWith("#")) {
        assertTrue(Files.size(merged.resolve(a)) > 0, a + " next to the page");
      }
    }
    System.out.println("FleetIT: merged throughput " + throughput + " req/s, p50/p99 TTFT "
        + summary.get("p50_ttft_ms") + "/" + summary.get("p99_ttft_ms") + " ms, page " + page);
  }

  private static Path runFolder(Path results) throws Exception {
    try (Stream<Path> folders = Files.list(results)) {
      List<Path> runs = folders.filter(Files::isDirectory).toList();
      assertEquals(1, runs.size(), runs.toString());
      return runs.get(0);
    }
  }

  /** One column of every file's rows (the columns the plugin writes are never quoted numbers). */
  private static double[] pooledColumn(List<Path> csvs, String column) throws Exception {
    List<Double> values = new ArrayList<>();
    for (Path csv : csvs) {
      List<String> lines = Files.readAllLines(csv);
      int index = Arrays.asList(lines.get(0).split(",", -1)).indexOf(column);
      assertTrue(index >= 0, column + " in " + csv);
      for (String line : lines.subList(1, lines.size())) {
        values.add(Double.parseDouble(line.split(",", -1)[index]));
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  /** numpy.percentile's default (linear): rank p/100 * (n - 1) between the two neighbours, over sorted values. */
  private static double numpyLinear(double[] sorted, double p) {
    double rank = p / 100 * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
  }
}
