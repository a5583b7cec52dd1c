package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpexDatasetTest {
  static final Path SAMPLE = Path.of("datasets/ipex-prompt.json");
  static final TextTokenizer WORDS = new WordTestTokenizer();

  @TempDir Path dir;

  @Test
  void theChosenPromptIsRepeatedWithMaxNewTokens() {
    LoadedDataset dataset = IpexDataset.load(SAMPLE, WORDS, "llama", "128", 50, OptionalInt.of(64));

    assertEquals(50, dataset.requests().size());
    DatasetRequest first = dataset.requests().get(0);
    assertTrue(first.prompt().startsWith("The old clockmaker opened his shop before sunrise"), first.prompt());
    assertEquals(112, first.promptTokens()); // words of the sample (it is cut to 128 Qwen3 tokens)
    assertEquals(64, first.expectedOutputTokens());
    assertTrue(dataset.requests().stream().allMatch(first::equals));
    assertEquals(
        "ipex datasets/ipex-prompt.json: \"llama\" prompt \"128\" (112 tokens) x 50, 64 output tokens",
        dataset.report());
    assertEquals(List.of("the \"llama\" \"128\" prompt is 112 tokens with word-test"), dataset.notes());
  }

  @Test
  void withoutMaxNewTokensTheOutputIsThePromptsLengthAsInLlmOnRay() {
    LoadedDataset dataset = IpexDataset.load(SAMPLE, WORDS, "qwen", "32", 3, OptionalInt.empty());

    DatasetRequest request = dataset.requests().get(0);
    assertTrue(request.prompt().startsWith("A research team set out"), request.prompt());
    assertEquals(29, request.promptTokens());
    assertEquals(29, request.expectedOutputTokens());
    assertTrue(dataset.report().endsWith("29 output tokens (the prompt's length: no max new tokens given)"));
  }

  @Test
  void anUnknownFamilyListsTheFamilies() {
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> IpexDataset.load(SAMPLE, WORDS, "llama2", "32", 1, OptionalInt.empty()));
    assertEquals("datasets/ipex-prompt.json: no model family \"llama2\"; available: llama, qwen", e.getMessage());
  }

  @Test
  void anUnknownSizeListsTheSizesInNumericOrder() {
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> IpexDataset.load(SAMPLE, WORDS, "qwen", "1024", 1, OptionalInt.empty()));
    assertEquals(
        "datasets/ipex-prompt.json: model family \"qwen\" has no input size \"1024\"; available: 32, 128, 512",
        e.getMessage());
  }

  @Test
  void everySampleFamilyHasTheSameSizes() {
    for (String family : List.of("llama", "qwen")) {
      for (String size : List.of("32", "128", "512")) {
        DatasetRequest request = IpexDataset.load(SAMPLE, WORDS, family, size, 1, OptionalInt.of(1)).requests().get(0);
        int tokens = request.promptTokens();
        int target = Integer.parseInt(size);
        assertTrue(tokens > target * 0.6 && tokens <= target, family + " " + size + ": " + tokens + " words");
      }
    }
  }

  @Test
  void malformedFilesNameWhatWasExpected() throws IOException {
    assertEquals(
        file("array.json")
            + ": expected an object {\"<model family>\": {\"<input tokens>\": \"<prompt>\"}}, found an array",
        failure("array.json", "[1, 2]", "llama", "32"));
    assertEquals(
        file("family.json") + ": \"llama\" is a string, expected an object of input sizes to prompts",
        failure("family.json", "{\"llama\": \"hi\"}", "llama", "32"));
    assertEquals(
        file("prompt.json") + ": \"llama\" \"32\" is a number, expected a string",
        failure("prompt.json", "{\"llama\": {\"32\": 5}}", "llama", "32"));
    assertTrue(
        failure("bad.json", "{\"llama\": {\n\"32\" \"x\"}}", "llama", "32")
            .startsWith(file("bad.json") + ": invalid JSON at line 2, column "));
  }

  private String failure(String name, String json, String family, String size) throws IOException {
    Path path = Files.writeString(dir.resolve(name), json);
    return assertThrows(
            DatasetException.class, () -> IpexDataset.load(path, WORDS, family, size, 1, OptionalInt.empty()))
        .getMessage();
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }
}
