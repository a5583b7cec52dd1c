package io.github.gatlingllm.javaapi;

import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.FeederBuilder;
import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.IpexDataset;
import io.github.gatlingllm.dataset.JsonlDataset;
import io.github.gatlingllm.dataset.LoadedDataset;
import io.github.gatlingllm.dataset.ShareGptDataset;
import io.github.gatlingllm.dataset.SharedPrefixDataset;
import io.github.gatlingllm.dataset.TextTokenizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Datasets for scenario authors: load the requests once, in the simulation's constructor (before the load, never on
 * an event loop), then feed them. Each loader prints a one-line report and its notes (oversampling, cycling).
 *
 * <pre>{@code
 * List<DatasetRequest> requests = LlmDatasets.sharegpt(path, tokenizer, 1000, 0, OptionalInt.empty());
 * scenario("s").feed(LlmDatasets.feeder(requests))
 *     .exec(completion("r").prompt("#{prompt}").maxTokens("#{maxTokens}"));
 * }</pre>
 */
public final class LlmDatasets {
  /** Feeder keys: the prompt text, its token count, and the output length to ask for. */
  public static final String PROMPT = "prompt";

  public static final String PROMPT_TOKENS = "promptTokens";
  public static final String MAX_TOKENS = "maxTokens";

  private LlmDatasets() {}

  /**
   * A feeder of {@code {"prompt", "promptTokens", "maxTokens"}} records in list order; it is a queue (each record
   * once) unless the caller chains {@code .circular()}, {@code .shuffle()} or {@code .random()}.
   */
  public static FeederBuilder<Object> feeder(List<DatasetRequest> requests) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("no requests to feed");
    }
    return CoreDsl.listFeeder(records(requests));
  }

  /** The records {@link #feeder} feeds, one per request. */
  public static List<Map<String, Object>> records(List<DatasetRequest> requests) {
    return requests.stream().map(LlmDatasets::record).toList();
  }

  private static Map<String, Object> record(DatasetRequest request) {
    Map<String, Object> record = new LinkedHashMap<>(4);
    record.put(PROMPT, request.prompt());
    record.put(PROMPT_TOKENS, request.promptTokens());
    record.put(MAX_TOKENS, request.expectedOutputTokens());
    return record;
  }

  /**
   * vLLM's ShareGPT sampling ({@link ShareGptDataset}): {@code numPrompts} requests chosen with {@code seed};
   * {@code fixedOutputLen} empty = each conversation's answer length (vLLM's {@code --sharegpt-output-len}).
   */
  public static List<DatasetRequest> sharegpt(
      Path path, TextTokenizer tokenizer, int numPrompts, long seed, OptionalInt fixedOutputLen) {
    return printed(ShareGptDataset.sample(path, tokenizer, numPrompts, seed, fixedOutputLen).asLoaded());
  }

  /**
   * LLM-on-Ray's IPEX {@code prompt.json} ({@link IpexDataset}): the {@code modelType} / {@code inputTokens} prompt
   * repeated {@code numPrompts} times; {@code maxNewTokens} empty = the prompt's token count.
   */
  public static List<DatasetRequest> ipex(
      Path path,
      TextTokenizer tokenizer,
      String modelType,
      String inputTokens,
      int numPrompts,
      OptionalInt maxNewTokens) {
    return printed(IpexDataset.load(path, tokenizer, modelType, inputTokens, numPrompts, maxNewTokens));
  }

  /** One JSON object per line ({@link JsonlDataset}); {@code defaultOutputLen} where a line has no output_len. */
  public static List<DatasetRequest> jsonl(
      Path path, TextTokenizer tokenizer, int numPrompts, int defaultOutputLen) {
    return printed(JsonlDataset.load(path, tokenizer, numPrompts, defaultOutputLen));
  }

  /** SGLang's generated-shared-prefix prompts ({@link SharedPrefixDataset}): groups x prompts per group. */
  public static List<DatasetRequest> sharedPrefix(TextTokenizer tokenizer, SharedPrefixDataset.Settings settings) {
    return printed(SharedPrefixDataset.generate(tokenizer, settings));
  }

  private static List<DatasetRequest> printed(LoadedDataset dataset) {
    dataset.print(System.out);
    return dataset.requests();
  }
}
