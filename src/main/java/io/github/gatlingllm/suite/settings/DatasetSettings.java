package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.dataset.ChatTemplate;
import io.github.gatlingllm.dataset.DatasetFile;
import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.RandomDataset;
import io.github.gatlingllm.dataset.SharedPrefixDataset;
import io.github.gatlingllm.dataset.SonnetDataset;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.TraceDataset;
import io.github.gatlingllm.dataset.TraceEntry;
import io.github.gatlingllm.dataset.TraceFormat;
import io.github.gatlingllm.dataset.TraceLoader;
import io.github.gatlingllm.dataset.TracePrompts;
import io.github.gatlingllm.dataset.TraceWindow;
import io.github.gatlingllm.javaapi.LlmDatasets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
 * @param dataset {@code random}, {@code sonnet}, {@code sharegpt}, {@code ipex}, {@code jsonl}, {@code trace} or
 *     {@code shared-prefix} ({@code llm.dataset})
 * @param datasetPath the file of a file-based dataset ({@code llm.datasetPath}), or empty for its shipped sample
 * @param random the random dataset's lengths
 * @param sonnet the sonnet dataset's lengths and template
 * @param sharegptOutputLen a fixed {@code max_tokens} for ShareGPT prompts ({@code llm.sharegptOutputLen}), or empty
 *     for each conversation's recorded answer length
 * @param ipex which LLM-on-Ray prompt and its output length
 * @param customOutputLen {@code max_tokens} of JSONL prompts that give no {@code output_len} ({@code
 *     llm.customOutputLen}); also of trace lines without {@code output_length}
 * @param trace which trace file format, window, speed-up and block size ({@code llm.dataset=trace})
 * @param sharedPrefix SGLang's generated-shared-prefix knobs ({@code llm.dataset=shared-prefix})
 */
public record DatasetSettings(
    String dataset,
    Optional<String> datasetPath,
    Random random,
    Sonnet sonnet,
    OptionalInt sharegptOutputLen,
    Ipex ipex,
    int customOutputLen,
    Trace trace,
    SharedPrefix sharedPrefix) {

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
  public static final String TRACE_FORMAT = "llm.traceFormat";
  public static final String TRACE_START = "llm.traceStart";
  public static final String TRACE_DURATION = "llm.traceDuration";
  public static final String TRACE_MAX_REQUESTS = "llm.traceMaxRequests";
  public static final String TRACE_SPEEDUP = "llm.traceSpeedup";
  public static final String TRACE_BLOCK_SIZE = "llm.traceBlockSize";
  public static final String PREFIX_GROUPS = "llm.prefixGroups";
  public static final String PROMPTS_PER_GROUP = "llm.promptsPerGroup";
  public static final String PREFIX_LEN = "llm.prefixLen";
  public static final String QUESTION_LEN = "llm.questionLen";
  public static final String PREFIX_OUTPUT_LEN = "llm.prefixOutputLen";
  public static final String PREFIX_ORDER = "llm.prefixOrder";

  public static final String TRACE = "trace";
  public static final String SHARED_PREFIX = "shared-prefix";
  public static final List<String> DATASETS =
      List.of("random", "sonnet", "sharegpt", "ipex", "jsonl", TRACE, SHARED_PREFIX);

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

  /**
   * A trace replay: which file format, which part of it, how fast, and the tokens per hash id.
   *
   * @param format {@code llm.traceFormat}: {@code mooncake} (default), {@code azure}, {@code burstgpt} or {@code jsonl}
   * @param window {@code llm.traceStart}, {@code llm.traceDuration}, {@code llm.traceMaxRequests} and {@code
   *     llm.traceSpeedup}
   * @param blockSize {@code llm.traceBlockSize}: tokens per hash id (default 512, Mooncake's)
   */
  public record Trace(TraceFormat format, TraceWindow window, int blockSize) {}

  /**
   * SGLang's generated-shared-prefix dataset.
   *
   * @param groups {@code llm.prefixGroups}
   * @param promptsPerGroup {@code llm.promptsPerGroup}
   * @param prefixLen {@code llm.prefixLen}
   * @param questionLen {@code llm.questionLen}
   * @param outputLen {@code llm.prefixOutputLen}
   * @param order {@code llm.prefixOrder}
   */
  public record SharedPrefix(
      int groups, int promptsPerGroup, int prefixLen, int questionLen, int outputLen, SharedPrefixDataset.Order order) {}

  /** The sample shipped for each file-based dataset, used when {@code llm.datasetPath} is not given. */
  private static final Map<String, String> SAMPLES =
      Map.of(
          "sharegpt", "datasets/sharegpt-sample.json",
          "ipex", "datasets/ipex-prompt.json",
          "jsonl", "datasets/prompts-sample.jsonl");

  /** The sample shipped for each trace format (self-made, see {@code datasets/traces/README.md}). */
  private static final Map<TraceFormat, String> TRACE_SAMPLES =
      Map.of(
          TraceFormat.MOONCAKE, "datasets/traces/mooncake-sample.jsonl",
          TraceFormat.AZURE, "datasets/traces/azure-sample.csv",
          TraceFormat.BURSTGPT, "datasets/traces/burstgpt-sample.csv",
          TraceFormat.JSONL, "datasets/traces/trace-sample.jsonl");

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
          CUSTOM_OUTPUT_LEN,
          TRACE_FORMAT,
          TRACE_START,
          TRACE_DURATION,
          TRACE_MAX_REQUESTS,
          TRACE_SPEEDUP,
          TRACE_BLOCK_SIZE,
          PREFIX_GROUPS,
          PROMPTS_PER_GROUP,
          PREFIX_LEN,
          QUESTION_LEN,
          PREFIX_OUTPUT_LEN,
          PREFIX_ORDER);

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
        p.integer(CUSTOM_OUTPUT_LEN, 256, 1),
        new Trace(
            TraceFormat.byId(p.choice(TRACE_FORMAT, TraceFormat.MOONCAKE.id(), TraceFormat.ids())),
            new TraceWindow(
                p.duration(TRACE_START, Duration.ZERO),
                p.duration(TRACE_DURATION, Duration.ZERO),
                p.integer(TRACE_MAX_REQUESTS, 0, 0),
                p.number(TRACE_SPEEDUP, 1, 0, false)),
            p.integer(TRACE_BLOCK_SIZE, TracePrompts.DEFAULT_BLOCK_SIZE, 1)),
        sharedPrefix(p));
  }

  private static SharedPrefix sharedPrefix(LlmProperties p) {
    SharedPrefixDataset.Settings d = SharedPrefixDataset.Settings.defaults();
    return new SharedPrefix(
        p.integer(PREFIX_GROUPS, d.groups(), 1),
        p.integer(PROMPTS_PER_GROUP, d.promptsPerGroup(), 1),
        p.integer(PREFIX_LEN, d.prefixLen(), 0),
        p.integer(QUESTION_LEN, d.questionLen(), 1),
        p.integer(PREFIX_OUTPUT_LEN, d.outputLen(), 1),
        SharedPrefixDataset.Order.valueOf(
            p.choice(PREFIX_ORDER, "shuffled", List.of("shuffled", "grouped")).toUpperCase(Locale.ROOT)));
  }

  /** Whether the dataset is a timed trace replay: then {@link #loadTrace}, not {@link #load}, gives its requests. */
  public boolean isTrace() {
    return TRACE.equals(dataset);
  }

  /**
   * The trace replay: the requests of {@code llm.traceFormat}'s file ({@code llm.datasetPath}, else the format's
   * sample) in the window, prompts of exactly each entry's input length by {@code tokenizer} sharing the trace's
   * blocks (see {@link TracePrompts}), and when to send each. {@code llm.numPrompts} does not cap a trace: {@code
   * llm.traceMaxRequests} does. {@code chat} does not change the prompts (a chat server wraps them in its template,
   * whose tokens are not the trace's); it is taken for symmetry with {@link #load}. Prints the report and notes.
   */
  public TraceDataset loadTrace(TextTokenizer tokenizer, long seed, boolean chat) {
    requireTrace();
    TraceDataset loaded = traceLoader().load(trace.window(), tokenizer, trace.blockSize(), seed);
    loaded.print(System.out);
    return loaded;
  }

  /**
   * The trace entries in the window (offsets in trace ms from the window's start, before the speed-up), for checks
   * such as {@link TracePrompts#expectedBlockReuse}.
   */
  public List<TraceEntry> traceEntries() {
    requireTrace();
    return traceLoader().entries(trace.window());
  }

  private void requireTrace() {
    if (!isTrace()) {
      throw new IllegalStateException(DATASET + " is '" + dataset + "', not '" + TRACE + "': use load(...)");
    }
  }

  private TraceLoader traceLoader() {
    String spec = datasetPath.orElse(TRACE_SAMPLES.get(trace.format()));
    return TraceLoader.of(
        spec, DatasetFile.resolve(spec, trace.format().expected()), trace.format(), customOutputLen);
  }

  /**
   * The prompts of the chosen dataset, tokenized, with their expected output lengths. A trace has send times too:
   * it is refused here (use {@link #loadTrace}) rather than replayed at a rate that ignores them. The shared-prefix
   * dataset ignores {@code numPrompts}: its count is {@code llm.prefixGroups x llm.promptsPerGroup}.
   */
  public List<DatasetRequest> load(TextTokenizer counter, int numPrompts, long seed, boolean chat) {
    return switch (dataset) {
      case TRACE ->
          // A user sees this when a simulation other than the serving benchmark is given a trace.
          throw new IllegalArgumentException(DATASET + "=" + TRACE + " is a timed replay, which only the serving"
              + " benchmark (ServingBenchmark) runs: its requests come with their send times. In a simulation of your"
              + " own: isTrace() and loadTrace(...), then LlmLoad.replay(...)");
      case SHARED_PREFIX ->
          LlmDatasets.sharedPrefix(
              counter,
              new SharedPrefixDataset.Settings(
                  sharedPrefix.groups(), sharedPrefix.promptsPerGroup(), sharedPrefix.prefixLen(),
                  sharedPrefix.questionLen(), sharedPrefix.outputLen(), sharedPrefix.order(), seed));
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
