package io.github.gatlingllm.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom prompts, one JSON object per line: {@code {"prompt": "...", "output_len": 128}} ({@code output_len}
 * optional, else {@code defaultOutputLen}); blank lines are ignored, other keys too. The first {@code numPrompts}
 * prompts are used in file order (lines after them are not read); a file with fewer is cycled, with a note. Unlike
 * vLLM's custom dataset there is no shuffle and no chat template: the prompt is sent as written.
 */
public final class JsonlDataset {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonlDataset() {}

  public static LoadedDataset load(Path file, TextTokenizer tokenizer, int numPrompts, int defaultOutputLen) {
    if (numPrompts < 1) {
      throw new IllegalArgumentException("numPrompts must be >= 1, got " + numPrompts);
    }
    if (defaultOutputLen < 1) {
      throw new IllegalArgumentException("defaultOutputLen must be >= 1, got " + defaultOutputLen);
    }
    List<Line> lines = read(file, numPrompts, defaultOutputLen);
    if (lines.isEmpty()) {
      throw new DatasetException(file + ": no prompt in the file, expected one JSON object per line");
    }
    List<String> prompts = lines.stream().map(Line::prompt).toList();
    int[] tokens = ParallelTokenCounter.count(tokenizer, prompts);
    List<DatasetRequest> requests = new ArrayList<>(numPrompts);
    for (int i = 0; i < numPrompts; i++) {
      int at = i % lines.size();
      requests.add(new DatasetRequest(lines.get(at).prompt(), tokens[at], lines.get(at).outputLen()));
    }
    long withOwnLength = lines.stream().filter(Line::ownOutputLen).count();
    List<String> notes = new ArrayList<>();
    if (lines.size() < numPrompts) {
      notes.add(
          "the file has " + lines.size() + " prompts for " + numPrompts + " requests: they are cycled in file order");
    }
    String report =
        "jsonl " + file + ": " + lines.size() + " prompts read, " + numPrompts + " requests; output_len from the file "
            + "for " + withOwnLength + " prompts, " + defaultOutputLen + " for the others";
    return new LoadedDataset(requests, report, notes);
  }

  private record Line(String prompt, int outputLen, boolean ownOutputLen) {}

  private static List<Line> read(Path file, int max, int defaultOutputLen) {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      String text;
      while (lines.size() < max && (text = reader.readLine()) != null) {
        number++;
        if (!text.isBlank()) {
          lines.add(parse(file + ": line " + number + ": ", text, defaultOutputLen));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    return lines;
  }

  private static Line parse(String where, String text, int defaultOutputLen) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DatasetException(where + "invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (!node.isObject()) {
      throw new DatasetException(where + "expected a JSON object with a 'prompt' string");
    }
    JsonNode prompt = node.get("prompt");
    if (prompt == null || !prompt.isTextual()) {
      throw new DatasetException(
          where + "'prompt' is " + (prompt == null ? "missing" : JsonTokens.describe(prompt))
              + ", expected a string");
    }
    JsonNode outputLen = node.get("output_len");
    if (outputLen == null || outputLen.isNull()) {
      return new Line(prompt.textValue(), defaultOutputLen, false);
    }
    if (!outputLen.canConvertToInt() || !outputLen.isIntegralNumber() || outputLen.intValue() < 1) {
      throw new DatasetException(where + "'output_len' is " + outputLen + ", expected an integer >= 1");
    }
    return new Line(prompt.textValue(), outputLen.intValue(), true);
  }
}
