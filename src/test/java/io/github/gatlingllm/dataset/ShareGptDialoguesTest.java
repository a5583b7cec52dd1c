package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareGptDialoguesTest {
  @TempDir Path dir;

  private static String turns(String... fromValue) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < fromValue.length; i += 2) {
      json.append(i == 0 ? "" : ",")
          .append("{\"from\":\"").append(fromValue[i]).append("\",\"value\":\"").append(fromValue[i + 1]).append("\"}");
    }
    return json.append("]").toString();
  }

  private Path file(String json) throws Exception {
    Path file = dir.resolve("sharegpt.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void keepsConversationsLongerThanTwiceTheRoundsFromTheirFirstUserTurn() throws Exception {
    Path file =
        file(
            "["
                + "{\"id\":\"a\",\"conversations\":" + turns("human", "q1 a", "gpt", "r1 r1", "human", "q2 b c", "gpt",
                    "r2", "human", "q3") + "},"
                + "{\"id\":\"short\",\"conversations\":" + turns("human", "x", "gpt", "y", "human", "z", "gpt", "w")
                + "},"
                + "{\"id\":\"none\"},"
                + "{\"id\":\"greets\",\"conversations\":" + turns("gpt", "hello there", "human", "g1", "gpt",
                    "s1 s1 s1", "human", "g2", "gpt", "s2", "human", "g3") + "}"
                + "]");
    ShareGptDialogues.Loaded loaded = ShareGptDialogues.load(file, 2, 10, new WordTestTokenizer());
    assertEquals(2, loaded.total(), "more than 4 turns: 'a' (5) and 'greets' (6)");
    ShareGptDialogues.Dialogue a = loaded.kept().get(0);
    assertEquals(List.of("q1 a", "q2 b c"), a.questions());
    assertEquals(2, a.questionTokens()[0]);
    assertEquals(3, a.questionTokens()[1]);
    assertEquals(2, a.answerTokens()[0]);
    assertEquals(1, a.answerTokens()[1]);
    ShareGptDialogues.Dialogue greets = loaded.kept().get(1);
    assertEquals(List.of("g1", "g2"), greets.questions(), "the leading assistant turn is skipped");
    assertEquals(3, greets.answerTokens()[0]);
    assertEquals(greets, loaded.forUser(3), "user ids wrap around the qualifying conversations");
    assertEquals(a, loaded.forUser(4));
  }

  @Test
  void keepsOnlyAsManyAsTheRunCanUse() throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      json.append(i == 0 ? "" : ",").append("{\"conversations\":")
          .append(turns("human", "q" + i, "gpt", "a", "human", "q", "gpt", "a", "human", "q")).append("}");
    }
    ShareGptDialogues.Loaded loaded = ShareGptDialogues.load(file(json + "]"), 2, 5, new WordTestTokenizer());
    assertEquals(50, loaded.total());
    assertEquals(5, loaded.kept().size());
    assertEquals("q3", loaded.forUser(3).questions().get(0));
  }

  @Test
  void errorsNameTheFileAndWhatWasExpected() throws Exception {
    Path notArray = file("{\"conversations\": []}");
    DatasetException e =
        assertThrows(DatasetException.class, () -> ShareGptDialogues.load(notArray, 1, 5, new WordTestTokenizer()));
    assertTrue(e.getMessage().contains("expected a JSON array of conversations"), e.getMessage());

    Path noneLongEnough = file("[{\"conversations\":" + turns("human", "x", "gpt", "y") + "}]");
    e = assertThrows(DatasetException.class, () -> ShareGptDialogues.load(noneLongEnough, 3, 5, new WordTestTokenizer()));
    assertTrue(e.getMessage().contains("no conversation has more than 6 turns"), e.getMessage());
    assertTrue(e.getMessage().contains("llm.numRounds (now 3)"), e.getMessage());

    Path badTurn =
        file("[{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"from\":\"gpt\",\"value\":7},"
            + "{\"from\":\"human\",\"value\":\"q\"}]}]");
    e = assertThrows(DatasetException.class, () -> ShareGptDialogues.load(badTurn, 1, 5, new WordTestTokenizer()));
    assertTrue(e.getMessage().contains("entry 0, turn 1: expected a string 'value'"), e.getMessage());

    DatasetException missing =
        assertThrows(
            DatasetException.class,
            () -> ShareGptDialogues.load(dir.resolve("nope.json"), 1, 5, new WordTestTokenizer()));
    assertTrue(missing.getMessage().contains("nope.json: no such file"), missing.getMessage());
  }

  @Test
  void theShippedMultiTurnSampleServesTenRounds() {
    ShareGptDialogues.Loaded loaded =
        ShareGptDialogues.load(Path.of("datasets/sharegpt-multiturn-sample.json"), 5, 100, new WordTestTokenizer());
    assertEquals(16, loaded.total());
  }
}
