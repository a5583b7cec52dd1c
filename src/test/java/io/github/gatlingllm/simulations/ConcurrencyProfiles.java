package io.github.gatlingllm.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.client.SafeUrl;
import io.github.gatlingllm.suite.settings.ConcurrencyProfilesSettings;
import io.github.gatlingllm.suite.settings.ModelDiscovery;
import io.github.gatlingllm.suite.settings.OllamaLoadedModels;
import io.github.gatlingllm.suite.settings.VisionSettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.javaapi.ConcurrencySteps;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.javaapi.VisionRecords;
import io.github.gatlingllm.report.ScenarioFiles;
import io.github.gatlingllm.suite.reports.ServerInfoFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The concurrency profile matrix (closed model): for each level of {@code llm.profile} (or {@code
 * llm.concurrencyLevels}), that many users send requests back to back until the level's {@code llm.numPromptsPerLevel}
 * requests (default max(2 x level, 10)) are done; levels run one after another, each its own scenario ({@code
 * concurrency <c>}). Each level's vLLM result is saved as {@code <model>_<input>-<output>_<c>.json} and what the server
 * says about itself as {@code server-info.json}; the LLM summary has one section per level.
 *
 * <p>{@code llm.profile=vision-1|vision-2} sends chat requests whose user message is the prompt and {@code
 * llm.imagesPerRequest} generated noise images ({@code llm.imageWidth} x {@code llm.imageHeight}, {@code
 * llm.imageFormat}) as base64 data URLs; the images are made before the load, a pool of at most 16 reused round-robin.
 *
 * <pre>
 * mvn gatling:test -Dgatling.simulationClass=io.github.gatlingllm.simulations.ConcurrencyProfiles -Dllm.profile=medium
 * </pre>
 */
public class ConcurrencyProfiles extends Simulation {
  /** The embedded mock's pace for this demo: fast enough that the default profile's five levels take seconds. */
  private static final Map<String, String> MOCK_PACE = Map.of("mock.ttftMs", "10", "mock.itlMs", "5");

  private final ConcurrencyProfilesSettings settings = ConcurrencyProfilesSettings.fromSystemProperties();
  private final ServerUnderTest server = ServerUnderTest.resolve(settings.common().target().baseUrl(), MOCK_PACE);

  {
    String apiKey = System.getenv("OPENAI_API_KEY");
    String model = server.model(settings.common().target().model(), apiKey, settings.common().target().tls());
    JsonNode modelEntry = ModelDiscovery.modelEntry(server.baseUrl(), apiKey, model, settings.common().target().tls());
    OptionalInt serverMaxModelLen = ModelDiscovery.maxModelLen(modelEntry);
    int inputLen = settings.resolveInputLen(serverMaxModelLen);
    int outputLen = settings.outputLen();

    ConcurrencySteps steps =
        LlmLoad.concurrencySteps(settings.levelArray())
            .requestsPerLevel(settings::requestsAt)
            .injector(settings.common().injector()); // in a fleet, this injector's users and requests of each level
    int mostRequests = steps.steps().stream().mapToInt(ConcurrencySteps.Step::requests).max().orElse(1);
    TextTokenizer tokenizer = settings.common().loadTokenizer();
    List<Map<String, Object>> records =
        SimulationParts.randomPrompts(
            // In a fleet each injector draws its own prompts: the same ones at the same time would let a server's
            // prefix cache answer the copies and flatter its TTFT.
            tokenizer, mostRequests, inputLen, outputLen, settings.common().injector().seed(settings.common().seed()));
    if (settings.vision().isPresent()) {
      VisionSettings vision = settings.vision().get();
      steps =
          steps
              .records(SimulationParts.withImages(records, vision, settings.common().seed()))
              .exec(SimulationParts.chatRequest(settings.common(), VisionRecords.MESSAGES));
    } else {
      steps = steps.records(records).exec(SimulationParts.request(settings.common()));
    }
    System.out.printf(
        "Concurrency profile %s: %d-token prompts, %d output tokens, levels %s%s%n",
        settings.profile().id(), inputLen, outputLen, settings.levels(),
        settings.vision().map(v -> ", " + v + " per request").orElse(""));

    List<ScenarioFiles.Entry> files =
        steps.steps().stream()
            .map(
                step ->
                    new ScenarioFiles.Entry(
                        step.scenario(),
                        // Named by the level, as on every injector of a fleet; the counts are this JVM's own.
                        ScenarioFiles.profileFileName(model, inputLen, outputLen, step.level()),
                        step.requests(),
                        step.concurrency(),
                        fileMetadata(inputLen, outputLen, step.level())))
            .toList();
    Map<String, Object> serverInfo = new LinkedHashMap<>();
    serverInfo.put("base_url", SafeUrl.mask(server.baseUrl())); // the file is shared: no credential of the URL
    serverInfo.put("embedded_mock", server.embedded());
    serverInfo.put("model", model);
    serverInfo.put("max_model_len", serverMaxModelLen.isPresent() ? serverMaxModelLen.getAsInt() : null);
    serverInfo.put("models_entry", modelEntry);
    serverInfo.put("profile", settings.profile().id());
    serverInfo.put("concurrency_levels", settings.levels());
    serverInfo.put("input_len", inputLen);
    serverInfo.put("output_len", outputLen);
    settings.vision().ifPresent(vision -> serverInfo.putAll(imageFields(vision)));

    setUp(steps.build())
        .protocols(
            SimulationParts.protocol(settings.common(), server.baseUrl(), model, tokenizer)
                .runOutput(new ScenarioFiles(files))
                .runOutput(new ServerInfoFile(serverInfo, () -> ollamaMemory(apiKey))));
  }

  private Map<String, Object> fileMetadata(int inputLen, int outputLen, int concurrency) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("profile", settings.profile().id());
    fields.put("concurrency", concurrency);
    fields.put("input_len", inputLen);
    fields.put("output_len", outputLen);
    settings.vision().ifPresent(vision -> fields.putAll(imageFields(vision)));
    return fields;
  }

  /** Ollama's loaded models with their GPU memory ({@code /api/ps}), read after the load; nothing for other servers. */
  private Map<String, Object> ollamaMemory(String apiKey) {
    return OllamaLoadedModels.read(server.baseUrl(), apiKey, settings.common().target().tls())
        .<Map<String, Object>>map(models -> Map.of("ollama_loaded_models", models))
        .orElse(Map.of());
  }

  private static Map<String, Object> imageFields(VisionSettings vision) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("image_width", vision.width());
    fields.put("image_height", vision.height());
    fields.put("image_format", vision.format().name().toLowerCase(java.util.Locale.ROOT));
    fields.put("images_per_request", vision.imagesPerRequest());
    return fields;
  }

  @Override
  public void after() {
    server.close();
  }
}
