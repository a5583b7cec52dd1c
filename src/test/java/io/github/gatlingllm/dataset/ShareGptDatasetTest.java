package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selection on {@code datasets/sharegpt-sample.json} with one token per word. Expected orders are what vLLM's
 * {@code ShareGPTDataset.sample} selects from the same file with the same counts (worked out with CPython's
 * {@code random}); the sample has 30 entries: 21 usable (16 two-turn, 5 multi-turn), 3 with fewer than 2 turns, 2 with
 * a prompt under 4 tokens, 2 with an answer under 4, 1 with a prompt over 1024, 1 with prompt + answer over 2048.
 */
class ShareGptDatasetTest {
  static final Path SAMPLE = Path.of("datasets/sharegpt-sample.json");
  static final TextTokenizer WORDS = new WordTestTokenizer();
  private static final Map<String, String> ID_BY_PROMPT = new HashMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void readIds() throws IOException {
    for (JsonNode entry : new ObjectMapper().readTree(SAMPLE.toFile())) {
      JsonNode turns = entry.get("conversations");
      if (turns.size() > 0) {
        ID_BY_PROMPT.put(turns.get(0).get("value").textValue(), entry.get("id").textValue());
      }
    }
  }

  @Test
  void everyRuleOfTheFilterIsCountedOnTheSample() {
    ShareGptSelection selection = sample(21, 0, OptionalInt.empty());

    assertEquals(new ShareGptCounts(30, 3, 27, 2, 2, 1, 1, 21, 0), selection.counts());
    assertEquals(
        List.of(
            "n04", "n15", "n11", "m02", "n06", "n01", "n08", "m04", "m03", "n05", "n03", "n07", "n12", "m05", "n10",
            "n16", "m01", "n09", "n02", "n14", "n13"),
        ids(selection));
    assertEquals(List.of(), selection.notes());
    assertEquals(
        "sharegpt datasets/sharegpt-sample.json: 30 entries, 3 with < 2 turns; 27 examined: 21 kept, skipped "
            + "2 prompt < 4, 2 output < 4, 1 prompt > 1024, 1 prompt+output > 2048; 0 oversampled",
        selection.report());
  }

  @Test
  void requestsCarryThePromptAndTheAnswersTokenCounts() {
    DatasetRequest first = sample(1, 0, OptionalInt.empty()).requests().get(0);

    assertEquals("n04", ID_BY_PROMPT.get(first.prompt()));
    assertEquals(new DatasetRequest(first.prompt(), 10, 67), first);
  }

  @Test
  void selectionStopsOnceEnoughAreKeptAndCountsOnlyWhatWasExamined() {
    ShareGptSelection seed1 = sample(5, 1, OptionalInt.empty());

    assertEquals(List.of("n12", "n11", "n02", "n06", "m04"), ids(seed1));
    assertEquals(9, seed1.counts().examined());
    assertEquals(4, seed1.counts().skippedByLength());
    assertEquals(5, seed1.counts().kept());
  }

  @Test
  void theSameSeedGivesTheSameRequestsAndAnotherSeedDiffers() {
    assertEquals(sample(5, 0, OptionalInt.empty()).requests(), sample(5, 0, OptionalInt.empty()).requests());
    assertEquals(List.of("n04", "n15", "n11", "m02", "n06"), ids(sample(5, 0, OptionalInt.empty())));
    assertNotEquals(ids(sample(5, 0, OptionalInt.empty())), ids(sample(5, 1, OptionalInt.empty())));
  }

  @Test
  void tooFewPassingConversationsAreOversampledWithTheSeedLikeVllm() {
    ShareGptSelection selection = sample(30, 0, OptionalInt.empty());

    assertEquals(30, selection.requests().size());
    assertEquals(
        List.of(
            "n04", "n15", "n11", "m02", "n06", "n01", "n08", "m04", "m03", "n05", "n03", "n07", "n12", "m05", "n10",
            "n16", "m01", "n09", "n02", "n14", "n13", "n12", "m05", "n15", "m03", "m01", "n16", "n12", "n05", "n16"),
        ids(selection));
    assertEquals(21, new HashSet<>(selection.requests()).size());
    assertEquals(21, selection.counts().kept());
    assertEquals(9, selection.counts().oversampled());
    assertEquals(
        List.of(
            "only 21 of the 30 prompts asked for pass the rules; 9 more are repeats drawn from them with seed 0, "
                + "as vLLM oversamples"),
        selection.notes());
  }

  @Test
  void aFixedOutputLengthReplacesTheAnswersAndKeepsShortAnswers() {
    ShareGptSelection selection = sample(24, 7, OptionalInt.of(100));

    assertEquals(new ShareGptCounts(30, 3, 27, 2, 0, 1, 0, 24, 0), selection.counts());
    assertTrue(selection.requests().stream().allMatch(r -> r.expectedOutputTokens() == 100));
    assertEquals(
        List.of(
            "n10", "n06", "n09", "n08", "n15", "m03", "l02", "m04", "n14", "a02", "n16", "a01", "n01", "n07", "m01",
            "n12", "n04", "m02", "n03", "n02", "m05", "n13", "n05", "n11"),
        ids(selection));
  }

  @Test
  void otherLimitsCanBeGiven() {
    ShareGptSelection selection =
        ShareGptDataset.sample(SAMPLE, WORDS, 30, 0, OptionalInt.empty(), new SequenceLimits(1, 2000, 5000));

    assertEquals(new ShareGptCounts(30, 3, 27, 0, 0, 0, 0, 27, 3), selection.counts());
  }

  @Test
  void aLargeFileIsReadEntryByEntry() throws IOException {
    Path big = dir.resolve("big.json");
    ShareGptFiles.writeGenerated(big, 20_000);

    ShareGptSelection selection = ShareGptDataset.sample(big, WORDS, 1000, 0, OptionalInt.empty());

    assertEquals(1000, selection.requests().size());
    assertEquals(20_000, selection.counts().entries());
    assertEquals(2000, selection.counts().underTwoTurns()); // every 10th entry has a single turn
    assertEquals(0, selection.counts().oversampled());
    assertEquals(selection.counts().examined(), selection.counts().kept() + selection.counts().skippedByLength());
    assertTrue(selection.requests().stream().allMatch(r -> r.promptTokens() >= 4 && r.promptTokens() <= 1024));
  }

  @Test
  void fetchingInBatchesSelectsWhatOneSequentialPassWould() throws IOException {
    Path file = dir.resolve("strict.json");
    ShareGptFiles.writeGenerated(file, 3000);
    SequenceLimits strict = new SequenceLimits(4, 100, 300); // few pass: several fetch batches are needed

    ShareGptSelection selection = ShareGptDataset.sample(file, WORDS, 200, 5, OptionalInt.empty(), strict);

    JsonNode all = new ObjectMapper().readTree(file.toFile());
    List<JsonNode> usable = new ArrayList<>();
    all.forEach(entry -> {
      if (entry.get("conversations").size() >= 2) {
        usable.add(entry.get("conversations"));
      }
    });
    new PythonRandom(5).shuffle(usable);
    List<DatasetRequest> expected = new ArrayList<>();
    int examined = 0;
    for (JsonNode turns : usable) {
      if (expected.size() == 200) {
        break;
      }
      examined++;
      String prompt = turns.get(0).get("value").textValue();
      int promptLen = WORDS.count(prompt);
      int outputLen = WORDS.count(turns.get(1).get("value").textValue());
      if (strict.check(promptLen, outputLen, false) == SequenceLimits.Verdict.KEPT) {
        expected.add(new DatasetRequest(prompt, promptLen, outputLen));
      }
    }
    assertEquals(expected, selection.requests());
    assertEquals(examined, selection.counts().examined());
    assertTrue(examined > ShareGptDataset.batchSize(200, 0, 0, Integer.MAX_VALUE), "one batch was enough");
  }

  @Test
  void batchesAreSizedFromThePassRateSeenSoFar() {
    assertEquals(1850, ShareGptDataset.batchSize(1000, 0, 0, 100_000)); // 1000 / 0.6 * 1.1 + 16
    assertEquals(566, ShareGptDataset.batchSize(100, 1000, 200, 100_000)); // 100 / 0.2 * 1.1 + 16
    assertEquals(30, ShareGptDataset.batchSize(1000, 0, 0, 30));
  }

  @Test
  void malformedStructureNamesTheFileAndTheEntry() throws IOException {
    assertEquals(
        file("notarray.json") + ": expected a JSON array of conversations, found an object",
        failure("notarray.json", "{\"id\": 1}"));
    assertEquals(
        file("scalar.json") + ": entry 1: expected an object, found a string",
        failure("scalar.json", "[" + ShareGptFiles.entry("a", "p q r s", "t u v w") + ", \"oops\"]"));
    assertEquals(
        file("conv.json") + ": entry 0 (\"id\": \"x1\"): 'conversations' is a string, expected an array",
        failure("conv.json", "[{\"id\": \"x1\", \"conversations\": \"hello\"}]"));
    assertEquals(
        file("value.json") + ": entry 1 (\"id\": \"abc\"): turn 1: 'value' is a number, expected a string",
        failure(
            "value.json",
            "[" + ShareGptFiles.entry("ok", "p q r s", "t u v w") + ", {\"id\": \"abc\", \"conversations\": "
                + "[{\"from\": \"human\", \"value\": \"hi\"}, {\"from\": \"gpt\", \"value\": 12}]}]"));
    assertEquals(
        file("novalue.json") + ": entry 0 (\"id\": \"n\"): turn 0 has no 'value'",
        failure("novalue.json", "[{\"id\": \"n\", \"conversations\": [{\"from\": \"human\"}, {\"value\": \"x\"}]}]"));
    assertEquals(
        file("turn.json") + ": entry 0 (\"id\": \"t\"): turn 0 is a string, expected an object with a string 'value'",
        failure("turn.json", "[{\"id\": \"t\", \"conversations\": [\"hi\", {\"value\": \"x\"}]}]"));
  }

  @Test
  void invalidJsonNamesTheLine() throws IOException {
    String json = "[\n" + ShareGptFiles.entry("a", "p q r s", "t u v w") + ",\n{\"id\": }\n]";
    String message = failure("broken.json", json);
    assertTrue(message.startsWith(file("broken.json") + ": invalid JSON at line 3, column 8: "), message);
  }

  @Test
  void aSingleTurnEntryIsSkippedEvenWithAMalformedTurn() throws IOException {
    Path path = write(
        "single.json",
        "[{\"id\": \"s\", \"conversations\": [42]}, {\"conversations\": []}, {\"id\": \"none\"}, "
            + ShareGptFiles.entry("ok", "p q r s", "t u v w") + "]");

    ShareGptSelection selection = ShareGptDataset.sample(path, WORDS, 1, 0, OptionalInt.empty());

    assertEquals(new ShareGptCounts(4, 3, 1, 0, 0, 0, 0, 1, 0), selection.counts());
  }

  @Test
  void aFileWithNothingUsableIsAnError() throws IOException {
    assertEquals(
        file("empty.json") + ": none of the 2 entries has at least 2 turns in 'conversations'",
        failure("empty.json", "[{\"conversations\": []}, {\"id\": \"q\"}]"));
    assertEquals(
        file("short.json") + ": no conversation passed the length rules (1 examined, limits "
            + SequenceLimits.VLLM + ")",
        failure("short.json", "[" + ShareGptFiles.entry("a", "hi", "hello there you all") + "]"));
  }

  private static ShareGptSelection sample(int numPrompts, long seed, OptionalInt fixed) {
    return ShareGptDataset.sample(SAMPLE, WORDS, numPrompts, seed, fixed);
  }

  private static List<String> ids(ShareGptSelection selection) {
    return selection.requests().stream().map(r -> ID_BY_PROMPT.get(r.prompt())).toList();
  }

  private String failure(String name, String json) throws IOException {
    Path path = write(name, json);
    return assertThrows(DatasetException.class, () -> ShareGptDataset.sample(path, WORDS, 5, 0, OptionalInt.empty()))
        .getMessage();
  }

  private Path write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }
}
