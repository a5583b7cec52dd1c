package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.RunOrigin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiRoundQaCsvTest {
  private static final long MS = 1_000_000L;
  @TempDir Path dir;

  /** Sent at origin + 1 s, first chunk 50 ms later, last at 250 ms; 300 prompt and 3 output tokens. */
  private static RequestRecord record(long originNanos) {
    RequestRecord r = new RequestRecord("multi-round-qa");
    r.conversation(12, 2);
    long send = originNanos + 1000 * MS;
    r.intended(send);
    r.sent(send);
    r.chunk(send + 50 * MS);
    r.chunk(send + 150 * MS);
    r.chunk(send + 250 * MS);
    r.promptTokens(300, TokenSource.USAGE);
    r.outputTokens(3, TokenSource.USAGE);
    r.ended(send + 250 * MS);
    return r;
  }

  @Test
  void aRowHasTheOriginalsColumnsInSecondsAndEpochSeconds() {
    RunOrigin origin = new RunOrigin(1_795_459_193_000L, 5_000 * MS);
    StringBuilder line = new StringBuilder();
    new MultiRoundQaCsv().appendRow(record(origin.nanoTime()), origin, line);
    assertEquals("300,3,0.05,0.2,12,2,1795459194.0,1795459194.25", line.toString());
    assertEquals(
        "prompt_tokens,generation_tokens,ttft,generation_time,user_id,question_id,launch_time,finish_time",
        new MultiRoundQaCsv().header());
  }

  @Test
  void onlyAnsweredConversationRequestsHaveRows() {
    MultiRoundQaCsv csv = new MultiRoundQaCsv();
    assertTrue(csv.accepts(record(0)));
    RequestRecord failed = record(0);
    failed.failed(ErrorCategory.HTTP_STATUS, "HTTP 500");
    assertEquals(false, csv.accepts(failed));
    RequestRecord plain = new RequestRecord("chat");
    plain.sent(1);
    plain.chunk(2);
    plain.ended(3);
    assertEquals(false, csv.accepts(plain), "not part of a conversation");
  }

  @Test
  void readsItsOwnRowsBackAndTheOriginalsFiles() throws Exception {
    Path file = dir.resolve("multi-round-qa.csv");
    StringBuilder text = new StringBuilder(MultiRoundQaCsv.HEADER).append('\n');
    for (MultiRoundQaRow row : MultiRoundQaBlockTest.ROWS) {
      MultiRoundQaCsv.append(row, text);
      text.append('\n');
    }
    Files.writeString(file, text);
    assertEquals(MultiRoundQaBlockTest.ROWS, MultiRoundQaCsv.read(file));

    // pandas writes the columns in the original's order; a file with them shuffled and one more still reads
    Path other = dir.resolve("other.csv");
    Files.writeString(
        other,
        "user_id,extra,question_id,prompt_tokens,generation_tokens,ttft,generation_time,launch_time,finish_time\n"
            + "3,x,1,10,2,0.5,1.0,100.0,101.5\n");
    assertEquals(List.of(new MultiRoundQaRow(10, 2, 0.5, 1.0, 3, 1, 100.0, 101.5)), MultiRoundQaCsv.read(other));
  }

  @Test
  void badFilesNameTheLineAndColumn() throws Exception {
    Path missing = dir.resolve("missing.csv");
    Files.writeString(missing, "prompt_tokens,ttft\n1,2\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiRoundQaCsv.read(missing));
    assertTrue(e.getMessage().contains("no column 'generation_tokens'"), e.getMessage());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, MultiRoundQaCsv.HEADER + "\n1,2,0.1,0.2,3,1,10.0,11.0\n1,2,fast,0.2,3,1,10.0,11.0\n");
    e = assertThrows(IllegalArgumentException.class, () -> MultiRoundQaCsv.read(bad));
    assertTrue(e.getMessage().contains("line 3: 'ttft' is 'fast', expected a number"), e.getMessage());
  }

  @Test
  void recomputePrintsTheBlockAndTtftByRound() {
    String text = MultiRoundQaRecompute.render(MultiRoundQaBlockTest.ROWS);
    assertTrue(text.contains("  Processing speed: 1.9309 reqs/s\n"), text);
    assertTrue(text.contains("round 3             1        60.00        60.00        60.00          387.0\n"), text);
  }
}
