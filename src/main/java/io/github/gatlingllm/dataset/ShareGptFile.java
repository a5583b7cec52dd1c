package io.github.gatlingllm.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A ShareGPT file ({@code [{"id": ..., "conversations": [{"from": ..., "value": ...}, ...]}, ...]}) read with
 * Jackson's streaming parser, one entry at a time: the whole file is never in memory. The first pass
 * ({@link #index()}) only counts turns; a later pass ({@link #firstTurns}) keeps the first two turns' texts of the
 * entries asked for, stopping after the last of them. Entries are numbered from 0 in file order (their index in the JSON array).
 *
 * <p>An entry without {@code conversations} counts as having no turns (vLLM skips it). The first two turns of an
 * entry with at least 2 turns must be objects with a string {@code value}; anything else is an error naming the entry.
 */
final class ShareGptFile {
  private final Path path;

  ShareGptFile(Path path) {
    this.path = path;
  }

  /** What the first pass learns: entries in the file, and (in file order) those with at least 2 turns. */
  record Index(int entries, int[] usable) {}

  /** The first two turns of an entry: the prompt and vLLM's reference answer. */
  record FirstTurns(String prompt, String answer) {}

  Index index() {
    int[][] usable = {new int[1024]};
    int[] size = {0};
    int entries =
        scan(
            ordinal -> false,
            (ordinal, entry) -> {
              if (entry.turns >= 2) {
                if (size[0] == usable[0].length) {
                  usable[0] = Arrays.copyOf(usable[0], size[0] * 2);
                }
                usable[0][size[0]++] = ordinal;
              }
              return true;
            });
    return new Index(entries, Arrays.copyOf(usable[0], size[0]));
  }

  /** The first two turns of each of {@code ordinals} (entries with at least 2 turns), in the order asked. */
  FirstTurns[] firstTurns(int[] ordinals) {
    Map<Integer, Integer> position = new HashMap<>(ordinals.length * 2);
    for (int i = 0; i < ordinals.length; i++) {
      position.put(ordinals[i], i);
    }
    FirstTurns[] result = new FirstTurns[ordinals.length];
    int[] found = {0};
    scan(
        position::containsKey,
        (ordinal, entry) -> {
          Integer at = position.get(ordinal);
          if (at != null) {
            result[at] = new FirstTurns(entry.prompt, entry.answer);
            found[0]++;
          }
          return found[0] < ordinals.length;
        });
    for (int i = 0; i < result.length; i++) {
      if (result[i] == null || result[i].prompt() == null || result[i].answer() == null) {
        throw new DatasetException(path + ": entry " + ordinals[i] + " changed while the file was being read");
      }
    }
    return result;
  }

  @FunctionalInterface
  private interface EntrySink {
    /** Takes an entry; false stops the pass. */
    boolean accept(int ordinal, Entry entry);
  }

  /**
   * Reads the entries until the sink says stop, keeping the first turns' texts of those {@code wantText} selects;
   * returns the number of entries read.
   */
  private int scan(IntPredicate wantText, EntrySink sink) {
    try (JsonParser parser = JsonTokens.FACTORY.createParser(path.toFile())) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_ARRAY) {
        throw error("expected a JSON array of conversations, found " + JsonTokens.describe(token));
      }
      int ordinal = 0;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          throw error("entry " + ordinal + ": expected an object, found " + JsonTokens.describe(token));
        }
        boolean more = sink.accept(ordinal, readEntry(parser, ordinal, wantText.test(ordinal)));
        ordinal++;
        if (!more) {
          break;
        }
      }
      return ordinal;
    } catch (JsonProcessingException e) {
      throw new DatasetException(path + ": " + JsonTokens.syntaxError(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  private Entry readEntry(JsonParser parser, int ordinal, boolean wantText) throws IOException {
    Entry entry = new Entry();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("id") && value.isScalarValue()) {
        entry.id = parser.getText();
      } else if (name.equals("conversations")) {
        if (value != JsonToken.START_ARRAY) {
          throw error(
              where(ordinal, entry) + "'conversations' is " + JsonTokens.describe(value) + ", expected an array");
        }
        readTurns(parser, entry, wantText);
      } else {
        parser.skipChildren();
      }
    }
    if (entry.turns >= 2 && entry.problem != null) {
      throw error(where(ordinal, entry) + entry.problem);
    }
    return entry;
  }

  private static void readTurns(JsonParser parser, Entry entry, boolean wantText) throws IOException {
    int turn = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (turn < 2) {
        String text = readTurnValue(parser, token, turn, entry, wantText);
        if (turn == 0) {
          entry.prompt = text;
        } else {
          entry.answer = text;
        }
      } else {
        parser.skipChildren();
      }
      turn++;
    }
    entry.turns = turn;
  }

  /** The turn's {@code value} when {@code wantText}, else null; a malformed turn is noted in the entry. */
  private static String readTurnValue(JsonParser parser, JsonToken token, int turn, Entry entry, boolean wantText)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      entry.problem(
          "turn " + turn + " is " + JsonTokens.describe(token) + ", expected an object with a string 'value'");
      parser.skipChildren();
      return null;
    }
    String text = null;
    boolean found = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("value") && value == JsonToken.VALUE_STRING) {
        found = true;
        text = wantText ? parser.getText() : null;
      } else if (name.equals("value")) {
        found = true;
        entry.problem("turn " + turn + ": 'value' is " + JsonTokens.describe(value) + ", expected a string");
        parser.skipChildren();
      } else {
        parser.skipChildren();
      }
    }
    if (!found) {
      entry.problem("turn " + turn + " has no 'value'");
    }
    return text;
  }

  private static String where(int ordinal, Entry entry) {
    return "entry " + ordinal + (entry.id == null ? "" : " (\"id\": \"" + entry.id + "\")") + ": ";
  }

  private DatasetException error(String message) {
    return new DatasetException(path + ": " + message);
  }

  /** One entry as far as the readers need it. */
  private static final class Entry {
    String id;
    int turns = -1;
    String prompt;
    String answer;
    String problem;

    void problem(String description) {
      if (problem == null) {
        problem = description;
      }
    }
  }
}
