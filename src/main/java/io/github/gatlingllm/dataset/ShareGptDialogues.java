package io.github.gatlingllm.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-turn ShareGPT conversations for multi-round QA: the entries with more than {@code 2 x rounds} turns (the
 * production stack's filter), in file order, each as its first {@code rounds} question/answer pairs. Leading turns
 * that are not the user's ({@code from} other than {@code human}/{@code user}) are skipped, so questions are always
 * user turns; an entry left with fewer than {@code 2 x rounds} turns after that is not kept. The file is streamed:
 * only the kept entries' texts are held, and only as many as the run can use.
 */
public final class ShareGptDialogues {

  /**
   * One conversation's rounds.
   *
   * @param questions the user turns, with token counts
   * @param answerTokens the token count of the recorded answer to each question
   */
  public record Dialogue(List<String> questions, int[] questionTokens, int[] answerTokens) {}

  /**
   * The qualifying conversations.
   *
   * @param total how many entries of the file qualify (users are given conversation {@code userId mod total})
   * @param kept the first {@code min(total, limit)} of them, tokenized
   */
  public record Loaded(int total, List<Dialogue> kept) {
    /** The conversation of user {@code userId}: entry {@code userId mod total} of the qualifying ones. */
    public Dialogue forUser(long userId) {
      return kept.get((int) (userId % total));
    }
  }

  private ShareGptDialogues() {}

  /**
   * Reads {@code file} and tokenizes the kept conversations (on all cores; before the load).
   *
   * @param limit the number of conversations the run can use at most (its largest user id + 1)
   * @throws DatasetException when the file is missing or malformed, or no entry qualifies
   */
  public static Loaded load(Path file, int rounds, long limit, TextTokenizer tokenizer) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(
          file + ": no such file (expected a ShareGPT JSON array of {\"conversations\": [{\"from\", \"value\"}]})");
    }
    List<List<String>> kept = new ArrayList<>();
    int total = 0;
    try (JsonParser parser = JsonTokens.FACTORY.createParser(file.toFile())) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_ARRAY) {
        throw new DatasetException(file + ": expected a JSON array of conversations, found " + JsonTokens.describe(token));
      }
      int ordinal = 0;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          throw new DatasetException(
              file + ": entry " + ordinal + ": expected an object, found " + JsonTokens.describe(token));
        }
        List<String> turns = readEntry(parser, file, ordinal, rounds, kept.size() < limit);
        if (turns != null) {
          total++;
          if (kept.size() < limit) {
            kept.add(turns);
          }
        }
        ordinal++;
      }
    } catch (JsonProcessingException e) {
      throw new DatasetException(file + ": " + JsonTokens.syntaxError(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (total == 0) {
      throw new DatasetException(
          file + ": no conversation has more than " + 2 * rounds + " turns starting with a user turn; lower "
              + "llm.numRounds (now " + rounds + ") or use a file with longer conversations");
    }
    return new Loaded(total, tokenize(kept, rounds, tokenizer));
  }

  /** The first {@code 2 x rounds} turns from the first user turn, or null when the entry does not qualify. */
  private static List<String> readEntry(JsonParser parser, Path file, int ordinal, int rounds, boolean wantText)
      throws IOException {
    List<String> turns = null;
    int count = 0;
    boolean started = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!name.equals("conversations") || value != JsonToken.START_ARRAY) {
        parser.skipChildren();
        continue;
      }
      turns = new ArrayList<>();
      JsonToken turn;
      while ((turn = parser.nextToken()) != JsonToken.END_ARRAY) {
        count++;
        if (turn != JsonToken.START_OBJECT) {
          throw new DatasetException(
              file + ": entry " + ordinal + ", turn " + (count - 1) + ": expected an object, found "
                  + JsonTokens.describe(turn));
        }
        String[] fromAndValue = readTurn(parser);
        started = started || isUser(fromAndValue[0]);
        if (started && turns.size() < 2 * rounds) {
          if (fromAndValue[1] == null) {
            throw new DatasetException(
                file + ": entry " + ordinal + ", turn " + (count - 1) + ": expected a string 'value'");
          }
          turns.add(wantText ? fromAndValue[1] : "");
        }
      }
    }
    // The production stack keeps entries with more than 2 x rounds turns in all.
    return turns != null && count > 2 * rounds && turns.size() == 2 * rounds ? turns : null;
  }

  private static boolean isUser(String from) {
    return "human".equals(from) || "user".equals(from);
  }

  /** {@code [from, value]} of one turn object (either may be null). */
  private static String[] readTurn(JsonParser parser) throws IOException {
    String[] out = new String[2];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING && name.equals("from")) {
        out[0] = parser.getText();
      } else if (value == JsonToken.VALUE_STRING && name.equals("value")) {
        out[1] = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return out;
  }

  private static List<Dialogue> tokenize(List<List<String>> kept, int rounds, TextTokenizer tokenizer) {
    List<String> texts = new ArrayList<>(kept.size() * 2 * rounds);
    kept.forEach(texts::addAll);
    int[] counts = ParallelTokenCounter.count(tokenizer, texts);
    List<Dialogue> out = new ArrayList<>(kept.size());
    for (int c = 0; c < kept.size(); c++) {
      List<String> questions = new ArrayList<>(rounds);
      int[] questionTokens = new int[rounds];
      int[] answerTokens = new int[rounds];
      for (int r = 0; r < rounds; r++) {
        questions.add(kept.get(c).get(2 * r));
        questionTokens[r] = counts[c * 2 * rounds + 2 * r];
        answerTokens[r] = counts[c * 2 * rounds + 2 * r + 1];
      }
      out.add(new Dialogue(List.copyOf(questions), questionTokens, answerTokens));
    }
    return out;
  }
}
