package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
  private static final int[] QWEN3_HELLO_WORLD = {9707, 1879};
  // tiny ids: [UNK]=0, <s>=1, ","=3, "!"=4, "the"=11, "bird"=128, "playing"=173, "walked"=174
  private static final String TINY_TEXT = "The playing bird, walked!";
  private static final int[] TINY_BODY = {11, 173, 128, 3, 174, 4};
  private static final int[] TINY_WITH_BOS = {1, 11, 173, 128, 3, 174, 4};

  @TempDir Path temp;

  @Test
  void qwen3EncodesHelloWorldFromItsFolderAndItsGzipFile() {
    assertArrayEquals(QWEN3_HELLO_WORLD, TestTokenizers.qwen3().encode("Hello world"));
    try (HfTokenizer gz = HfTokenizer.load("datasets/tokenizers/qwen3/tokenizer.json.gz")) {
      assertArrayEquals(QWEN3_HELLO_WORLD, gz.encode("Hello world"));
      assertEquals("Hello world", gz.decode(QWEN3_HELLO_WORLD, true));
      assertEquals("datasets/tokenizers/qwen3/tokenizer.json.gz", gz.id());
    }
  }

  @Test
  void qwen3VocabularyIsBaseVocabularyPlusAddedTokensAndAddsNoSpecialToken() {
    HfTokenizer qwen3 = (HfTokenizer) TestTokenizers.qwen3();
    assertEquals(151_643 + 26, qwen3.vocabSize());
    assertEquals(151_643, qwen3.baseVocabSize());
    int[] sampleable = qwen3.sampleableIds();
    assertEquals(151_643, sampleable.length);
    assertEquals(151_642, sampleable[sampleable.length - 1]);
    assertEquals(0, qwen3.specialTokenCount());
  }

  @Test
  void tinyAddsItsBosTokenToPromptsButNotToBodies() {
    TextTokenizer tiny = TestTokenizers.tiny();
    assertArrayEquals(TINY_WITH_BOS, tiny.encode(TINY_TEXT));
    assertArrayEquals(TINY_BODY, tiny.encodeBody(TINY_TEXT));
    assertEquals(7, tiny.count(TINY_TEXT));
    assertEquals(1, tiny.specialTokenCount());
    assertEquals("<s> the playing bird , walked !", tiny.decode(TINY_WITH_BOS, false));
    assertEquals("the playing bird , walked !", tiny.decode(TINY_WITH_BOS, true));
  }

  @Test
  void tinyVocabularyExcludesItsSpecialTokensFromSampling() {
    TextTokenizer tiny = TestTokenizers.tiny();
    assertEquals(193, tiny.vocabSize());
    int[] sampleable = tiny.sampleableIds();
    assertEquals(191, sampleable.length);
    assertEquals(2, sampleable[0]);
    assertEquals(192, sampleable[190]);
  }

  @Test
  void loadsAJsonFileAGzipFileAndFoldersHoldingEither() throws IOException {
    Path json = TestTokenizers.TINY_FOLDER.resolve("tokenizer.json");
    Path gzFolder = Files.createDirectory(temp.resolve("gz-only"));
    Path gz = gzFolder.resolve("tokenizer.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(json, out);
    }
    for (String spec : List.of(json.toString(), gz.toString(), gzFolder.toString(), "datasets/tokenizers/tiny/")) {
      try (HfTokenizer tokenizer = HfTokenizer.load(spec)) {
        assertArrayEquals(TINY_WITH_BOS, tokenizer.encode(TINY_TEXT), spec);
        assertEquals(193, tokenizer.vocabSize(), spec);
      }
    }
  }

  @Test
  void loadsClasspathResourcesByFileOrFolderName() throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of("datasets").toUri().toURL()}, null)) {
      for (String spec : List.of("classpath:tokenizers/tiny/tokenizer.json", "classpath:/tokenizers/tiny",
          "classpath:tokenizers/tiny/")) {
        try (HfTokenizer tokenizer = HfTokenizer.load(spec, loader)) {
          assertArrayEquals(TINY_WITH_BOS, tokenizer.encode(TINY_TEXT), spec);
          assertEquals(spec, tokenizer.id());
        }
      }
      try (HfTokenizer qwen3 = HfTokenizer.load(Tokenizers.DEFAULT_CLASSPATH_SPEC, loader)) {
        assertArrayEquals(QWEN3_HELLO_WORLD, qwen3.encode("Hello world"));
      }
    }
  }

  @Test
  void missingSpecsNameTheSpecAndWhatWasExpected() throws IOException {
    Path emptyFolder = Files.createDirectory(temp.resolve("empty"));
    for (String spec : List.of("x/y", emptyFolder.toString(), "classpath:tokenizers/none", "classpath:none.json",
        "", "nul\0char")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(spec));
      assertTrue(e.getMessage().startsWith("Tokenizer not found: '" + spec + "' (expected a tokenizer.json, a "
          + ".json.gz, a folder holding tokenizer.json, or a classpath resource"), e.getMessage());
    }
  }

  @Test
  void filesThatAreNotTokenizersAreRejectedWithTheirPath() throws IOException {
    Path notJson = Files.writeString(temp.resolve("broken.json"), "{\"model\": ");
    Path noVocab = Files.writeString(temp.resolve("novocab.json"), "{\"model\": {\"type\": \"BPE\"}}");
    Path array = Files.writeString(temp.resolve("array.json"), "[1, 2]");
    for (Path path : List.of(notJson, noVocab, array)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HfTokenizer.load(path.toString()));
      assertTrue(e.getMessage().startsWith("Not a valid tokenizer.json: '" + path + "'"), e.getMessage());
    }
  }

  @Test
  void sharedInstancesArePerSpecAndTheDefaultFallsBackToTheClasspath() {
    assertSame(TestTokenizers.tiny(), Tokenizers.load(TestTokenizers.TINY_FOLDER.toString()));
    assertSame(TestTokenizers.tiny(), Tokenizers.load(" " + TestTokenizers.TINY_FOLDER + " "));
    assertEquals(Tokenizers.DEFAULT_SPEC, Tokenizers.defaultSpec());
    assertEquals(Tokenizers.DEFAULT_CLASSPATH_SPEC, Tokenizers.defaultSpec(temp));
    assertSame(TestTokenizers.qwen3().getClass(), Tokenizers.load(null).getClass());
    assertEquals(Tokenizers.DEFAULT_SPEC, Tokenizers.load("").id());
  }

  @Test
  void aClosedTokenizerRefusesWorkAndDjlStaysOffline() {
    HfTokenizer tokenizer = HfTokenizer.load(TestTokenizers.TINY_FOLDER.toString());
    tokenizer.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tokenizer.encode("the"));
    assertEquals("Tokenizer 'datasets/tokenizers/tiny' is closed", e.getMessage());
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
  }

  @Test
  void oneInstanceEncodesConcurrently() throws Exception {
    TextTokenizer qwen3 = TestTokenizers.qwen3();
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(40);
    int[] expected = qwen3.encode(text);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> qwen3.encode(text)));
      }
      for (Future<int[]> result : results) {
        assertArrayEquals(expected, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
