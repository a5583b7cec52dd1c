package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SonnetDatasetTest {
  private static final SonnetDataset SHIPPED = SonnetDataset.load(SonnetDataset.DEFAULT_SPEC);

  @TempDir Path temp;

  @Test
  void theShippedPoemHasSeventyTwoLinesEachEndingWithANewline() {
    assertEquals(72, SHIPPED.lines().size());
    assertTrue(SHIPPED.lines().stream().allMatch(line -> line.endsWith("\n") && !line.isBlank()));
    assertEquals("The keeper climbs the tower every night\n", SHIPPED.lines().get(0));
    assertEquals(SHIPPED.lines(), SonnetDataset.loadDefault().lines());
  }

  @Test
  void qwen3ChatPromptsFitTheInputLengthAndShareTheInstructionAndPrefixLines() {
    TextTokenizer qwen3 = TestTokenizers.qwen3();
    List<DatasetRequest> requests = SHIPPED.sample(qwen3, 200, SonnetDataset.Settings.defaults(ChatTemplate.CHATML));
    String prefix = sharedPrefix(qwen3, ChatTemplate.CHATML, 200);
    for (DatasetRequest request : requests) {
      assertTrue(request.prompt().startsWith(prefix));
      assertEquals(qwen3.count(ChatTemplate.CHATML.apply(request.prompt())), request.promptTokens());
      assertTrue(request.promptTokens() >= 200 && request.promptTokens() <= 550, "tokens: " + request.promptTokens());
      assertEquals(150, request.expectedOutputTokens());
    }
    // The prefix lines bring the templated prefix to about 200 tokens (within a line), then lines come at random.
    int prefixTokens = qwen3.count(ChatTemplate.CHATML.apply(prefix));
    assertTrue(Math.abs(prefixTokens - 200) <= 12, "prefix tokens: " + prefixTokens);
    assertTrue(requests.stream().map(DatasetRequest::prompt).distinct().count() > 190);
    double average = requests.stream().mapToInt(DatasetRequest::promptTokens).average().orElseThrow();
    assertTrue(average > 500, "average tokens: " + average);
  }

  @Test
  void completionPromptsAreSentTemplated() {
    TextTokenizer qwen3 = TestTokenizers.qwen3();
    SonnetDataset.Settings settings = new SonnetDataset.Settings(300, 100, 20, 3L, ChatTemplate.CHATML, true);
    for (DatasetRequest request : SHIPPED.sample(qwen3, 20, settings)) {
      assertTrue(request.prompt().startsWith("<|im_start|>user\n" + SonnetDataset.INSTRUCTION), request.prompt());
      assertTrue(request.prompt().endsWith("<|im_end|>\n<|im_start|>assistant\n"));
      assertEquals(qwen3.count(request.prompt()), request.promptTokens());
      assertTrue(request.promptTokens() >= 100 && request.promptTokens() <= 300);
    }
  }

  @Test
  void withoutTemplateTheTinyTokenizerCountsTheBarePrompt() {
    TextTokenizer tiny = TestTokenizers.tiny();
    SonnetDataset.Settings settings = new SonnetDataset.Settings(120, 40, 30, 9L, ChatTemplate.NONE, false);
    List<DatasetRequest> requests = SHIPPED.sample(tiny, 100, settings);
    String prefix = sharedPrefix(tiny, ChatTemplate.NONE, 40);
    for (DatasetRequest request : requests) {
      assertTrue(request.prompt().startsWith(prefix));
      assertEquals(tiny.count(request.prompt()), request.promptTokens());
      assertTrue(request.promptTokens() >= 40 && request.promptTokens() <= 120, "tokens: " + request.promptTokens());
    }
  }

  @Test
  void theSameSeedGivesTheSamePromptsAndAnotherSeedOthers() {
    TextTokenizer tiny = TestTokenizers.tiny();
    SonnetDataset.Settings settings = new SonnetDataset.Settings(120, 40, 30, 9L, ChatTemplate.NONE, false);
    List<DatasetRequest> first = SHIPPED.sample(tiny, 30, settings);
    assertEquals(first, SHIPPED.sample(tiny, 30, settings));
    assertNotEquals(first, SHIPPED.sample(tiny, 30, new SonnetDataset.Settings(120, 40, 30, 10L,
        ChatTemplate.NONE, false)));
  }

  @Test
  void linesLoadFromTheClasspathAndBadFilesAreNamed() throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of("datasets").toUri().toURL()}, null)) {
      assertEquals(SHIPPED.lines(), SonnetDataset.load("classpath:sonnet.txt", loader).lines());
      IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
          () -> SonnetDataset.load("classpath:nothing.txt", loader));
      assertEquals("Sonnet file not found: 'classpath:nothing.txt' (expected a text file of poem lines, by path or "
          + "as classpath:name)", missing.getMessage());
    }
    for (String spec : List.of("no/such/sonnet.txt", temp.toString())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SonnetDataset.load(spec));
      assertTrue(e.getMessage().startsWith("Sonnet file not found: '" + spec + "'"), e.getMessage());
    }
    Path blank = Files.writeString(temp.resolve("blank.txt"), "\n  \n");
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> SonnetDataset.load(blank.toString()));
    assertEquals("Sonnet file has no lines: '" + blank + "' (expected a text file of poem lines)", empty.getMessage());
  }

  @Test
  void impossibleLengthsAreReported() {
    TextTokenizer tiny = TestTokenizers.tiny();
    int base = tiny.count(SonnetDataset.INSTRUCTION);
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
        () -> SHIPPED.sample(tiny, 1, new SonnetDataset.Settings(base, 0, 10, 0L, ChatTemplate.NONE, false)));
    assertEquals("sonnetInputLen " + base + " must be more than the instruction's " + base
        + " tokens (tokenizer 'datasets/tokenizers/tiny')", tooShort.getMessage());
    // One long first line makes the shared prefix alone longer than the input length.
    SonnetDataset lopsided = SonnetDataset.parse("the sun ".repeat(60) + "\nsun\n", "lopsided");
    IllegalStateException never = assertThrows(IllegalStateException.class,
        () -> lopsided.sample(tiny, 1, new SonnetDataset.Settings(base + 70, base + 70, 10, 0L, ChatTemplate.NONE,
            false)));
    assertTrue(never.getMessage().startsWith("No sonnet prompt of at most sonnetInputLen=" + (base + 70)
        + " tokens from 'lopsided' in 10000 draws"), never.getMessage());
    assertEquals("sonnetPrefixLen must be in [0, sonnetInputLen=100], got 101", assertThrows(
        IllegalArgumentException.class, () -> new SonnetDataset.Settings(100, 101, 10, 0L, ChatTemplate.NONE,
            false)).getMessage());
  }

  @Test
  void chatTemplatesByName() {
    assertSame(ChatTemplate.CHATML, ChatTemplate.byName(" ChatML "));
    assertSame(ChatTemplate.NONE, ChatTemplate.byName("none"));
    assertEquals("Unknown chat template: 'llama' (expected none or chatml)",
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.byName("llama")).getMessage());
  }

  /** The instruction and the first lines, as many as vLLM's rounding gives for {@code prefixLen}. */
  private static String sharedPrefix(TextTokenizer tokenizer, ChatTemplate template, int prefixLen) {
    double average = SHIPPED.lines().stream().mapToInt(tokenizer::count).average().orElseThrow();
    int base = tokenizer.count(template.apply(SonnetDataset.INSTRUCTION));
    int prefixLines = (int) Math.max(0, Math.rint((prefixLen - base) / average));
    assertTrue(prefixLines > 0);
    return SonnetDataset.INSTRUCTION + String.join("", SHIPPED.lines().subList(0, prefixLines));
  }
}
