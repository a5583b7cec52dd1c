package io.github.gatlingllm.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * LLM-on-Ray's IPEX dataset ({@code benchmark_serving.py --dataset-format IPEX}): a {@code prompt.json} of the form
 * {@code {"<model family>": {"<input token count>": "<prompt text>"}}}; the prompt of family {@code modelType} (e.g.
 * {@code llama}, {@code qwen}, {@code gpt-j}: LLM-on-Ray's {@code --model-type}, default {@code llama}) and size
 * {@code inputTokens} (a key such as {@code "32"} or {@code "1024"}: {@code --input-tokens}, default {@code "32"}) is
 * repeated {@code numPrompts} times. The output length is {@code maxNewTokens} or, as in LLM-on-Ray when
 * {@code --max-new-tokens} is not given, the prompt's own token count.
 */
public final class IpexDataset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IpexDataset() {}

  public static LoadedDataset load(
      Path file,
      TextTokenizer tokenizer,
      String modelType,
      String inputTokens,
      int numPrompts,
      OptionalInt maxNewTokens) {
    if (numPrompts < 1) {
      throw new IllegalArgumentException("numPrompts must be >= 1, got " + numPrompts);
    }
    if (maxNewTokens.isPresent() && maxNewTokens.getAsInt() < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens.getAsInt());
    }
    String prompt = prompt(file, modelType, inputTokens);
    int promptTokens = tokenizer.count(prompt);
    int output = maxNewTokens.orElse(promptTokens);
    DatasetRequest request = new DatasetRequest(prompt, promptTokens, output);
    List<String> notes = new ArrayList<>();
    if (!String.valueOf(promptTokens).equals(inputTokens)) {
      notes.add(
          "the \"" + modelType + "\" \"" + inputTokens + "\" prompt is " + promptTokens + " tokens with "
              + tokenizer.id());
    }
    String report =
        "ipex " + file + ": \"" + modelType + "\" prompt \"" + inputTokens + "\" (" + promptTokens + " tokens) x "
            + numPrompts + ", " + output + " output tokens"
            + (maxNewTokens.isPresent() ? "" : " (the prompt's length: no max new tokens given)");
    return new LoadedDataset(Collections.nCopies(numPrompts, request), report, notes);
  }

  /** The prompt text at {@code [modelType][inputTokens]}, or an error listing what the file has. */
  static String prompt(Path file, String modelType, String inputTokens) {
    JsonNode root = read(file);
    if (!root.isObject()) {
      throw new DatasetException(
          file + ": expected an object {\"<model family>\": {\"<input tokens>\": \"<prompt>\"}}, found "
              + JsonTokens.describe(root));
    }
    JsonNode family = root.get(modelType);
    if (family == null) {
      throw new DatasetException(
          file + ": no model family \"" + modelType + "\"; available: " + String.join(", ", keys(root)));
    }
    if (!family.isObject()) {
      throw new DatasetException(
          file + ": \"" + modelType + "\" is " + JsonTokens.describe(family)
              + ", expected an object of input sizes to prompts");
    }
    JsonNode prompt = family.get(inputTokens);
    if (prompt == null) {
      throw new DatasetException(
          file + ": model family \"" + modelType + "\" has no input size \"" + inputTokens + "\"; available: "
              + String.join(", ", keys(family)));
    }
    if (!prompt.isTextual()) {
      throw new DatasetException(
          file + ": \"" + modelType + "\" \"" + inputTokens + "\" is " + JsonTokens.describe(prompt)
              + ", expected a string");
    }
    return prompt.textValue();
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new DatasetException(file + ": " + JsonTokens.syntaxError(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Keys in numeric order when they are numbers ("32" before "128"), else alphabetical. */
  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    keys.sort(Comparator.comparing(IpexDataset::numericOrMax).thenComparing(Comparator.naturalOrder()));
    return keys;
  }

  private static long numericOrMax(String key) {
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
