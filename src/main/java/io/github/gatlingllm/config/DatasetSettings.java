package io.github.gatlingllm.config;

import io.github.gatlingllm.dataset.ChatTemplate;
import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.RandomDataset;
import io.github.gatlingllm.dataset.SonnetDataset;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.Tokenizers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which prompts a ready simulation sends: the dataset ({@code llm.dataset}), the tokenizer that counts them
 * ({@code llm.tokenizer}, independent of the model name sent), and each dataset's knobs, named after vLLM's flags.
 * Everything is read and tokenized before the load starts, never on an event loop.
 */
public record DatasetSettings(
    String dataset,
    Optional<String> datasetPath,
    Optional<String> tokenizer,
    int randomInputLen,
    int randomOutputLen,
    double randomRangeRatio,
    int randomPrefixLen,
    int sonnetInputLen,
    int sonnetOutputLen,
    int sonnetPrefixLen,
    String chatTemplate) {

  public static final List<String> DATASETS = List.of("random", "sonnet");

  /** The properties these settings read. */
  public static final List<String> PROPERTIES =
      List.of(
          "llm.dataset",
          "llm.datasetPath",
          "llm.tokenizer",
          "llm.randomInputLen",
          "llm.randomOutputLen",
          "llm.randomRangeRatio",
          "llm.randomPrefixLen",
          "llm.sonnetInputLen",
          "llm.sonnetOutputLen",
          "llm.sonnetPrefixLen",
          "llm.chatTemplate");

  public static DatasetSettings from(LlmProperties p) {
    return new DatasetSettings(
        p.choice("llm.dataset", "random", DATASETS),
        p.optional("llm.datasetPath"),
        p.optional("llm.tokenizer"),
        p.integer("llm.randomInputLen", 1024, 1),
        p.integer("llm.randomOutputLen", 128, 1),
        rangeRatio(p),
        p.integer("llm.randomPrefixLen", 0, 0),
        p.integer("llm.sonnetInputLen", 550, 1),
        p.integer("llm.sonnetOutputLen", 150, 1),
        p.integer("llm.sonnetPrefixLen", 200, 0),
        p.choice("llm.chatTemplate", "chatml", List.of("chatml", "none")));
  }

  private static double rangeRatio(LlmProperties p) {
    double ratio = p.number("llm.randomRangeRatio", 0, 0, true);
    if (ratio >= 1) {
      throw new IllegalArgumentException(
          "Invalid value '" + ratio + "' for llm.randomRangeRatio: expected a number >= 0 and < 1");
    }
    return ratio;
  }

  /** The tokenizer: {@code llm.tokenizer}, else the shipped Qwen3 one. Loaded once per JVM and spec. */
  public TextTokenizer loadTokenizer() {
    return Tokenizers.load(tokenizer.orElse(null));
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
      default ->
          RandomDataset.sample(
              counter,
              numPrompts,
              new RandomDataset.Settings(randomInputLen, randomOutputLen, randomRangeRatio, randomPrefixLen, seed));
    };
  }

  /**
   * Feeder records for {@code prompt("#{prompt}")}, {@code promptTokens("#{promptTokens}")} and
   * {@code maxTokens(...)}: a negative output length means "let the server decide".
   */
  public static List<Map<String, Object>> feederRecords(List<DatasetRequest> requests) {
    return requests.stream()
        .map(
            r ->
                Map.<String, Object>of(
                    "prompt", r.prompt(), "promptTokens", r.promptTokens(), "maxTokens", r.expectedOutputTokens()))
        .toList();
  }
}
