package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.dataset.ChatTemplate;
import io.github.gatlingllm.dataset.DatasetFile;
import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.RandomDataset;
import io.github.gatlingllm.dataset.SonnetDataset;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.javaapi.LlmDatasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Which prompts a ready simulation sends: the dataset ({@code llm.dataset}) and its knobs, named after vLLM's and
 * LLM-on-Ray's flags (the tokenizer that counts them is {@link CommonSettings#loadTokenizer()}). Everything is read and tokenized before the load starts, never on an event loop.
 */
public record DatasetSettings(
    String dataset,
    Optional<String> datasetPath,
    int randomInputLen,
    int randomOutputLen,
    double randomRangeRatio,
    int randomPrefixLen,
    int sonnetInputLen,
    int sonnetOutputLen,
    int sonnetPrefixLen,
    String chatTemplate,
    OptionalInt sharegptOutputLen,
    String modelType,
    String inputTokens,
    OptionalInt maxNewTokens,
    int customOutputLen) {

  public static final List<String> DATASETS = List.of("random", "sonnet", "sharegpt", "ipex", "jsonl");

  /** The sample shipped for each file-based dataset, used when {@code llm.datasetPath} is not given. */
  private static final Map<String, String> SAMPLES =
      Map.of(
          "sharegpt", "datasets/sharegpt-sample.json",
          "ipex", "datasets/ipex-prompt.json",
          "jsonl", "datasets/prompts-sample.jsonl");

  private static final Map<String, String> FORMATS =
      Map.of(
          "sharegpt", "a ShareGPT JSON array of {\"id\", \"conversations\": [{\"from\", \"value\"}]}",
          "ipex", "an LLM-on-Ray prompt.json: {\"<model family>\": {\"<input tokens>\": \"<prompt>\"}}",
          "jsonl", "one JSON object per line with \"prompt\" and optional \"output_len\"");

  /** The properties these settings read. */
  public static final List<String> PROPERTIES =
      List.of(
          "llm.dataset",
          "llm.datasetPath",
          "llm.randomInputLen",
          "llm.randomOutputLen",
          "llm.randomRangeRatio",
          "llm.randomPrefixLen",
          "llm.sonnetInputLen",
          "llm.sonnetOutputLen",
          "llm.sonnetPrefixLen",
          "llm.chatTemplate",
          "llm.sharegptOutputLen",
          "llm.modelType",
          "llm.inputTokens",
          "llm.maxNewTokens",
          "llm.customOutputLen");

  /**
   * What a ready simulation that sends a dataset's prompts reads: the common properties, its {@code own} and these.
   */
  public static List<String> withCommon(String... own) {
    return Stream.concat(CommonSettings.with(own).stream(), PROPERTIES.stream()).toList();
  }

  public static DatasetSettings from(LlmProperties p) {
    return from(p, "random");
  }

  /** With another default dataset (LLM-on-Ray's benchmark defaults to IPEX prompts). */
  public static DatasetSettings from(LlmProperties p, String defaultDataset) {
    return new DatasetSettings(
        p.choice("llm.dataset", defaultDataset, DATASETS),
        p.optional("llm.datasetPath"),
        p.integer("llm.randomInputLen", 1024, 1),
        p.integer("llm.randomOutputLen", 128, 1),
        rangeRatio(p),
        p.integer("llm.randomPrefixLen", 0, 0),
        p.integer("llm.sonnetInputLen", 550, 1),
        p.integer("llm.sonnetOutputLen", 150, 1),
        p.integer("llm.sonnetPrefixLen", 200, 0),
        p.choice("llm.chatTemplate", "chatml", List.of("chatml", "none")),
        optionalInt(p, "llm.sharegptOutputLen"),
        p.string("llm.modelType", "llama"),
        p.string("llm.inputTokens", "32"),
        optionalInt(p, "llm.maxNewTokens"),
        p.integer("llm.customOutputLen", 256, 1));
  }

  private static OptionalInt optionalInt(LlmProperties p, String name) {
    return p.optional(name).isPresent() ? OptionalInt.of(p.integer(name, 1, 1)) : OptionalInt.empty();
  }

  private static double rangeRatio(LlmProperties p) {
    double ratio = p.number("llm.randomRangeRatio", 0, 0, true);
    if (ratio >= 1) {
      throw new IllegalArgumentException(
          "Invalid value '" + ratio + "' for llm.randomRangeRatio: expected a number >= 0 and < 1");
    }
    return ratio;
  }


  /** The prompts of the chosen dataset, tokenized, with their expected output lengths. */
  public List<DatasetRequest> load(TextTokenizer counter, int numPrompts, long seed, boolean chat) {
    return switch (dataset) {
      case "sonnet" -> {
        SonnetDataset lines = datasetPath.map(SonnetDataset::load).orElseGet(SonnetDataset::loadDefault);
        yield lines.sample(
            counter,
            numPrompts,
            new SonnetDataset.Settings(
                sonnetInputLen, sonnetPrefixLen, sonnetOutputLen, seed, ChatTemplate.byName(chatTemplate), !chat));
      }
      case "sharegpt" -> LlmDatasets.sharegpt(file(), counter, numPrompts, seed, sharegptOutputLen);
      case "ipex" -> LlmDatasets.ipex(file(), counter, modelType, inputTokens, numPrompts, maxNewTokens);
      case "jsonl" -> LlmDatasets.jsonl(file(), counter, numPrompts, customOutputLen);
      default ->
          RandomDataset.sample(
              counter,
              numPrompts,
              new RandomDataset.Settings(randomInputLen, randomOutputLen, randomRangeRatio, randomPrefixLen, seed));
    };
  }

  /** {@code llm.datasetPath}, else the shipped sample of the dataset's format: on disk, else on the classpath. */
  private Path file() {
    return DatasetFile.resolve(datasetPath.orElse(SAMPLES.get(dataset)), FORMATS.get(dataset));
  }
}
