package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetTest {
  static final Path SAMPLE = Path.of("datasets/prompts-sample.jsonl");
  static final TextTokenizer WORDS = new WordTestTokenizer();

  @TempDir Path dir;

  @Test
  void theSampleIsReadInFileOrderSkippingBlankLines() {
    LoadedDataset dataset = JsonlDataset.load(SAMPLE, WORDS, 8, 100);

    assertEquals(
        List.of(64, 32, 100, 200, 100, 256, 48, 128),
        dataset.requests().stream().map(DatasetRequest::expectedOutputTokens).toList());
    assertEquals(
        new DatasetRequest("Write a haiku about a train station at midnight.", 9, 32), dataset.requests().get(1));
    assertEquals(List.of(), dataset.notes());
    assertEquals(
        "jsonl datasets/prompts-sample.jsonl: 8 prompts read, 8 requests; output_len from the file for 6 prompts, "
            + "100 for the others",
        dataset.report());
  }

  @Test
  void fewerLinesThanRequestsAreCycledWithANote() throws IOException {
    Path path = write("two.jsonl", "{\"prompt\": \"one two three\"}\n{\"prompt\": \"four five\", \"output_len\": 7}\n");

    LoadedDataset dataset = JsonlDataset.load(path, WORDS, 5, 20);

    assertEquals(
        List.of("one two three", "four five", "one two three", "four five", "one two three"),
        dataset.requests().stream().map(DatasetRequest::prompt).toList());
    assertEquals(new DatasetRequest("four five", 2, 7), dataset.requests().get(3));
    assertEquals(List.of("the file has 2 prompts for 5 requests: they are cycled in file order"), dataset.notes());
  }

  @Test
  void onlyTheLinesNeededAreRead() throws IOException {
    Path path = write("more.jsonl", "{\"prompt\": \"a b\"}\n{\"prompt\": \"c d\"}\nnot json at all\n");

    assertEquals(2, JsonlDataset.load(path, WORDS, 2, 10).requests().size());
  }

  @Test
  void errorsNameTheFileAndThePhysicalLine() throws IOException {
    assertTrue(failure("syntax.jsonl", "{\"prompt\": \"a\"}\n\n{\"prompt\": \"b\",}\n")
        .startsWith(file("syntax.jsonl") + ": line 3: invalid JSON: "));
    assertEquals(
        file("missing.jsonl") + ": line 2: 'prompt' is missing, expected a string",
        failure("missing.jsonl", "{\"prompt\": \"a\"}\n{\"text\": \"b\"}\n"));
    assertEquals(
        file("number.jsonl") + ": line 1: 'prompt' is a number, expected a string",
        failure("number.jsonl", "{\"prompt\": 5}\n"));
    assertEquals(
        file("array.jsonl") + ": line 1: expected a JSON object with a 'prompt' string",
        failure("array.jsonl", "[\"a\"]\n"));
    assertEquals(
        file("zero.jsonl") + ": line 1: 'output_len' is 0, expected an integer >= 1",
        failure("zero.jsonl", "{\"prompt\": \"a\", \"output_len\": 0}\n"));
    assertEquals(
        file("text.jsonl") + ": line 1: 'output_len' is \"12\", expected an integer >= 1",
        failure("text.jsonl", "{\"prompt\": \"a\", \"output_len\": \"12\"}\n"));
    assertEquals(
        file("float.jsonl") + ": line 1: 'output_len' is 1.5, expected an integer >= 1",
        failure("float.jsonl", "{\"prompt\": \"a\", \"output_len\": 1.5}\n"));
    assertTrue(failure("two.jsonl", "{\"prompt\": \"a\"} {\"prompt\": \"b\"}\n")
        .startsWith(file("two.jsonl") + ": line 1: invalid JSON: "));
    assertEquals(
        file("empty.jsonl") + ": no prompt in the file, expected one JSON object per line",
        failure("empty.jsonl", "\n  \n"));
  }

  private String failure(String name, String text) throws IOException {
    Path path = write(name, text);
    return assertThrows(DatasetException.class, () -> JsonlDataset.load(path, WORDS, 10, 10)).getMessage();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }
}
