package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.report.RequestCsvReader;
import io.github.gatlingllm.report.SummaryLogLine;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Gatling Enterprise package ({@code mvn package} builds it) the way an Enterprise load generator does:
 * Gatling's own jars plus the package alone, in an empty working directory, no project folder, no {@code target/}
 * directory, no Maven. The ready simulation, the tokenizer, the datasets and gatling.conf must all come from the
 * package.
 *
 * <p>"Gatling's own jars" are what the packager leaves out and Enterprise provides: every {@code io.gatling*} artifact
 * and its dependencies. They are found as the test classpath's jars minus the ones the packager shipped (every class
 * of the jar is in the package): Maven's own resolution, no list to maintain. The plugin's direct dependencies are
 * checked to come from the package, and Gatling's launcher from the runtime.
 */
class EnterprisePackageIT {
  private static final String SIMULATION = "io.github.gatlingllm.simulations.ServingBenchmark";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 240;

  private static Path pkg;
  private static List<Path> gatlingRuntime;

  @TempDir Path tmp;

  @BeforeAll
  static void findThePackageAndGatlingsJars() throws IOException {
    String property = System.getProperty("llm.enterprisePackage");
    assertTrue(property != null && !property.isBlank(), "failsafe passes -Dllm.enterprisePackage (see pom.xml)");
    pkg = Path.of(property);
    assertTrue(Files.isRegularFile(pkg), pkg + " is built by `mvn package` (enterprise-package execution)");
    Set<String> packaged = classEntries(pkg);
    gatlingRuntime = new ArrayList<>();
    for (String element : testClasspath()) {
      Path path = Path.of(element);
      if (!Files.isRegularFile(path)) {
        continue; // target/classes, target/test-classes: the package holds them
      }
      Set<String> classes = classEntries(path);
      if (classes.isEmpty() || !packaged.containsAll(classes)) {
        gatlingRuntime.add(path);
      }
    }
    assertTrue(holds(gatlingRuntime, "io/gatling/app/Gatling.class"), "Gatling's launcher is in " + gatlingRuntime);
    for (String shipped :
        List.of(
            "ai/djl/huggingface/tokenizers/HuggingFaceTokenizer.class",
            "org/HdrHistogram/Histogram.class",
            "io/github/gatlingllm/LlmDsl.class")) {
      assertFalse(holds(gatlingRuntime, shipped), shipped + " must come from the package, not from " + gatlingRuntime);
      assertTrue(packaged.contains(shipped), shipped + " is in the package");
    }
  }

  @Test
  void withNoResultsFolderTheSummaryGoesToTheLogAsOneJsonLineAndFailedChecksDoNotHaltTheJvm() throws Exception {
    Map<String, String> knobs = knobs();
    // Two clauses no Gatling assertion can express: one fails. On Enterprise the run's status is Gatling's, so the
    // plugin prints the failure and exits 0 (open-source Gatling with no results folder cannot judge assertions).
    knobs.put("llm.assert", "total_output_tokens>1000000000;output_throughput>0");
    // Open-source Gatling writes simulation.log only into a results folder; Enterprise's Gatling does not write it.
    knobs.put("gatling.data.writers.0", "console");
    Run run = run(knobs, null);

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("============ Serving Benchmark Result ============"), run.output);
    assertTrue(run.output.contains("1 of 2 SLO checks FAILED"), run.output);
    assertTrue(run.output.contains("on Gatling Enterprise the exit status is left to Gatling's assertions"), run.output);
    assertTrue(
        run.output.contains("no Gatling assertion for total_output_tokens>1000000000, output_throughput>0"),
        run.output);
    List<String> lines =
        run.output.lines().filter(line -> line.startsWith(SummaryLogLine.PREFIX)).toList();
    assertEquals(1, lines.size(), run.output);
    JsonNode summary = JSON.readTree(lines.get(0).substring(SummaryLogLine.PREFIX.length()));
    assertEquals(4, summary.get("completed").asInt(), lines.get(0));
    assertEquals(0, summary.get("failed").asInt(), lines.get(0));
    assertTrue(
        summary.get("tokenizer_id").asText().startsWith("classpath:tokenizers/qwen3/"),
        "the shipped tokenizer, from the package: " + summary.get("tokenizer_id"));
    try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
      assertEquals(List.of(), left.toList(), "nothing written into the working directory");
    }
  }

  @Test
  void onEnterpriseTheSloClausesBecomeGatlingAssertionsThatGatlingJudges() throws Exception {
    Map<String, String> knobs = knobs();
    knobs.put("llm.enterprise", "true"); // the load generator parameter; the results folder lets OSS Gatling judge
    knobs.put(
        "llm.assert",
        "p99_ttft_ms<100000;mean_tpot_ms<=100000;p99_itl_ms<100000;median_e2el_ms<100000;failed==0;"
            + "failed_ratio<0.5;request_goodput>0");
    knobs.put("llm.goodput", "ttft:100000");
    Path results = tmp.resolve("results");
    Run run = run(knobs, results);

    assertEquals(0, run.exitCode, run.output);
    List<String> verdicts =
        run.output.lines().filter(line -> line.endsWith(")") && line.contains(" : ")).toList();
    // Gatling prints one line per assertion: "<path>: <metric> ... : true (actual : <value>)".
    assertEquals(6, verdicts.size(), run.output);
    for (String row : List.of(" TTFT", " TPOT", " ITL")) {
      assertTrue(verdicts.stream().anyMatch(v -> v.contains(row)), row + " judged: " + verdicts);
    }
    assertTrue(verdicts.stream().allMatch(v -> v.contains(": true")), String.join("\n", verdicts));
    assertTrue(run.output.contains("no Gatling assertion for request_goodput>0"), run.output);
    assertTrue(run.output.contains("All 7 SLO checks passed"), run.output);
    try (Stream<Path> folders = Files.list(results)) {
      Path folder = folders.filter(Files::isDirectory).findFirst().orElseThrow();
      assertTrue(Files.isRegularFile(folder.resolve("llm-summary.json")), run.output);
      assertTrue(Files.readString(folder.resolve("index.html")).contains("Serving Benchmark Result"));
    }
    assertFalse(run.output.contains(SummaryLogLine.PREFIX), "a run folder was found: no JSON line");
  }

  @Test
  void onEnterpriseAWritableFolderKeepsThePerRequestFileForRecompute() throws Exception {
    Map<String, String> knobs = knobs();
    Path out = tmp.resolve("mounted volume");
    knobs.put("llm.enterprise", "true");
    knobs.put("llm.resultsDir", out.toString());
    knobs.put("gatling.data.writers.0", "console");
    Run run = run(knobs, null);

    assertEquals(0, run.exitCode, run.output);
    try (Stream<Path> folders = Files.list(out)) {
      Path folder = folders.filter(Files::isDirectory).findFirst().orElseThrow(() -> new AssertionError(run.output));
      assertEquals(4, RequestCsvReader.read(folder.resolve("llm-requests.csv")).records().size(), run.output);
      JsonNode summary = JSON.readTree(folder.resolve("llm-summary.json").toFile());
      assertEquals(4, summary.get("completed").asInt());
    }
    assertFalse(run.output.contains(SummaryLogLine.PREFIX), "the summary has a file: no JSON line");
  }

  private static Map<String, String> knobs() {
    Map<String, String> knobs = new TreeMap<>();
    // No llm.baseUrl: the simulation starts its embedded mock, from the package.
    knobs.put("llm.numPrompts", "4");
    knobs.put("llm.randomInputLen", "16");
    knobs.put("llm.randomOutputLen", "8");
    return knobs;
  }

  private record Run(int exitCode, String output) {}

  /** Gatling's launcher with Gatling's jars and the package only, in an empty working directory. */
  private Run run(Map<String, String> properties, Path resultsFolder) throws IOException, InterruptedException {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path log = tmp.resolve("gatling.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1G");
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
    command.add("-Dai.djl.offline=true");
    properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-cp");
    List<String> classpath = new ArrayList<>();
    gatlingRuntime.forEach(jar -> classpath.add(jar.toString()));
    classpath.add(pkg.toString());
    command.add(String.join(File.pathSeparator, classpath));
    command.add("io.gatling.app.Gatling");
    command.add("--simulation");
    command.add(SIMULATION);
    if (resultsFolder != null) {
      command.add("--results-folder");
      command.add(resultsFolder.toString());
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().put("OPT_OUT_TRACKING", "true");
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("Gatling did not finish within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }

  private static List<String> testClasspath() {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    return List.of(classpath.split(File.pathSeparator));
  }

  /** The class files of a jar, by entry name (module descriptors left out: every modular jar has one). */
  private static Set<String> classEntries(Path jar) throws IOException {
    Set<String> classes = new HashSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream()
          .map(ZipEntry::getName)
          .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
          .filter(name -> !name.startsWith("META-INF/"))
          .forEach(classes::add);
    }
    return classes;
  }

  private static boolean holds(List<Path> jars, String entry) throws IOException {
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        if (file.getEntry(entry) != null) {
          return true;
        }
      }
    }
    return false;
  }
}
