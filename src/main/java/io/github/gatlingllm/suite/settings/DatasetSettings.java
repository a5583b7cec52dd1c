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
 * LLM-on-Ray's flags, each dataset's own in a group of its own (the tokenizer that counts them is
 * {@link CommonSettings#loadTokenizer()}). Everything is read and tokenized before the load starts, never on an event
 * loop.
 *
 * @param dataset {@code random}, {@code sonnet}, {@code sharegpt}, {@code ipex} or {@code jsonl} ({@code llm.dataset})
 * @param datasetPath the file of a file-based dataset ({@code llm.datasetPath}), or empty for its shipped sample
 * @param random the random dataset's lengths
 * @param sonnet the sonnet dataset's lengths and template
 * @param sharegptOutputLen a fixed {@code max_tokens} for ShareGPT prompts ({@code llm.sharegptOutputLen}), or empty
 *     for each conversation's recorded answer length
 * @param ipex which LLM-on-Ray prompt and its output length
 * @param customOutputLen {@code max_tokens} of JSONL prompts that give no {@code output_len} ({@code
 *     llm.customOutputLen})
 */
public record DatasetSettings(
    String dataset,
    Optional<String> datasetPath,
    Random random,
    Sonnet sonnet,
    OptionalInt sharegptOutputLen,
    Ipex ipex,
    int customOutputLen) {

  public static final String DATASET = "llm.dataset";
  public static final String DATASET_PATH = "llm.datasetPath";
  /** How many prompts are drawn: every workload that reads a dataset reads it too. */
  public static final String NUM_PROMPTS = "llm.numPrompts";
  public static final String RANDOM_INPUT_LEN = "llm.randomInputLen";
  public static final String RANDOM_OUTPUT_LEN = "llm.randomOutputLen";
  public static final String RANDOM_RANGE_RATIO = "llm.randomRangeRatio";
  public static final String RANDOM_PREFIX_LEN = "llm.randomPrefixLen";
  public static final String SONNET_INPUT_LEN = "llm.sonnetInputLen";
  public static final String SONNET_OUTPUT_LEN = "llm.sonnetOutputLen";
  public static final String SONNET_PREFIX_LEN = "llm.sonnetPrefixLen";
  public static final String CHAT_TEMPLATE = "llm.chatTemplate";
  public static final String SHAREGPT_OUTPUT_LEN = "llm.sharegptOutputLen";
  public static final String MODEL_TYPE = "llm.modelType";
  public static final String INPUT_TOKENS = "llm.inputTokens";
  public static final String MAX_NEW_TOKENS = "llm.maxNewTokens";
  public static final String CUSTOM_OUTPUT_LEN = "llm.customOutputLen";

  public static final List<String> DATASETS = List.of("random", "sonnet", "sharegpt", "ipex", "jsonl");

  /**
   * vLLM's random dataset: lengths uniform in [L(1-r), L(1+r)], an optional shared prefix.
   *
   * @param inputLen {@code llm.randomInputLen}
   * @param outputLen {@code llm.randomOutputLen}
   * @param rangeRatio {@code llm.randomRangeRatio}, in [0, 1)
   * @param prefixLen {@code llm.randomPrefixLen}
   */
  public record Random(int inputLen, int outputLen, double rangeRatio, int prefixLen) {}

  /**
   * The sonnet dataset.
   *
   * @param inputLen {@code llm.sonnetInputLen}
   * @param outputLen {@code llm.sonnetOutputLen}
   * @param prefixLen {@code llm.sonnetPrefixLen}
   * @param chatTemplate {@code llm.chatTemplate}: {@code chatml} or {@code none}
   */
  public record Sonnet(int inputLen, int outputLen, int prefixLen, String chatTemplate) {}

  /**
   * LLM-on-Ray's {@code prompt.json}: one prompt chosen by family and size.
   *
   * @param modelType the model family ({@code llm.modelType})
   * @param inputTokens the prompt size key ({@code llm.inputTokens})
   * @param maxNewTokens {@code llm.maxNewTokens}, or empty for the prompt's length
   */
  public record Ipex(String modelType, String inputTokens, OptionalInt maxNewTokens) {}

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
          DATASET,
          DATASET_PATH,
          RANDOM_INPUT_LEN,
          RANDOM_OUTPUT_LEN,
          RANDOM_RANGE_RATIO,
          RANDOM_PREFIX_LEN,
          SONNET_INPUT_LEN,
          SONNET_OUTPUT_LEN,
          SONNET_PREFIX_LEN,
          CHAT_TEMPLATE,
          SHAREGPT_OUTPUT_LEN,
          MODEL_TYPE,
          INPUT_TOKENS,
          MAX_NEW_TOKENS,
          CUSTOM_OUTPUT_LEN);

  /**
   * What a ready simulation that sends a dataset's prompts reads: the common properties, its {@code own} and these.
   */
  public static List<String> withCommon(String... own) {
    return Stream.concat(CommonSettings.with(own).stream(), PROPERTIES.stream()).toList();
  }

  /** {@code llm.numPrompts}: the prompts drawn (default 1000), read here once for every workload that draws them. */
  public static int numPrompts(LlmProperties p) {
    return p.integer(NUM_PROMPTS, 1000, 1);
  }

  public static DatasetSettings from(LlmProperties p) {
    return from(p, "random");
  }

  /** With another default dataset (LLM-on-Ray's benchmark defaults to IPEX prompts). */
  public static DatasetSettings from(LlmProperties p, String defaultDataset) {
    return new DatasetSettings(
        p.choice(DATASET, defaultDataset, DATASETS),
        p.optional(DATASET_PATH),
        new Random(
            p.integer(RANDOM_INPUT_LEN, 1024, 1),
            p.integer(RANDOM_OUTPUT_LEN, 128, 1),
            p.number(RANDOM_RANGE_RATIO, 0, 0, true, 1),
            p.integer(RANDOM_PREFIX_LEN, 0, 0)),
        new Sonnet(
            p.integer(SONNET_INPUT_LEN, 550, 1),
            p.integer(SONNET_OUTPUT_LEN, 150, 1),
            p.integer(SONNET_PREFIX_LEN, 200, 0),
            p.choice(CHAT_TEMPLATE, "chatml", List.of("chatml", "none"))),
        p.optionalInteger(SHAREGPT_OUTPUT_LEN, 1),
        new Ipex(p.string(MODEL_TYPE, "llama"), p.string(INPUT_TOKENS, "32"), p.optionalInteger(MAX_NEW_TOKENS, 1)),
        p.integer(CUSTOM_OUTPUT_LEN, 256, 1));
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
                sonnet.inputLen(), sonnet.prefixLen(), sonnet.outputLen(), seed,
                ChatTemplate.byName(sonnet.chatTemplate()), !chat));
      }
      case "sharegpt" -> LlmDatasets.sharegpt(file(), counter, numPrompts, seed, sharegptOutputLen);
      case "ipex" ->
          LlmDatasets.ipex(file(), counter, ipex.modelType(), ipex.inputTokens(), numPrompts, ipex.maxNewTokens());
      case "jsonl" -> LlmDatasets.jsonl(file(), counter, numPrompts, customOutputLen);
      default ->
          RandomDataset.sample(
              counter,
              numPrompts,
              new RandomDataset.Settings(
                  random.inputLen(), random.outputLen(), random.rangeRatio(), random.prefixLen(), seed));
    };
  }

  /** {@code llm.datasetPath}, else the shipped sample of the dataset's format: on disk, else on the classpath. */
  private Path file() {
    return DatasetFile.resolve(datasetPath.orElse(SAMPLES.get(dataset)), FORMATS.get(dataset));
  }
}
