package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.Tokenizers;
import io.github.gatlingllm.dataset.WordTestTokenizer;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OutputTokenCounterTest {
  private final List<RequestRecord> passed = new CopyOnWriteArrayList<>();

  private static RequestRecord record(String text, int tokens, TokenSource source) {
    RequestRecord record = new RequestRecord("r");
    record.generatedText(text);
    record.outputTokens(tokens, source);
    return record;
  }

  @Test
  void aRecordCountedInChunksIsRecountedFromItsTextOffTheCallersThreadThenPassedOn() {
    Thread caller = Thread.currentThread();
    List<Thread> counters = new CopyOnWriteArrayList<>();
    OutputTokenCounter counter =
        new OutputTokenCounter(
            new WordTestTokenizer(),
            false,
            r -> {
              counters.add(Thread.currentThread());
              passed.add(r);
            });
    RequestRecord record = record(" three little words", 2, TokenSource.CHUNKS);
    counter.accept(record);
    counter.drain();

    assertEquals(List.of(record), passed);
    assertEquals(3, record.outputTokens());
    assertEquals(TokenSource.TOKENIZER, record.outputTokenSource());
    assertNull(record.generatedText(), "captured for counting only: dropped once counted");
    assertEquals(1, counters.size());
    assertEquals("gatling-llm-output-tokens", counters.get(0).getName());
    assertNotSame(caller, counters.get(0));
  }

  @Test
  void anOutputIsCountedWithoutTheSpecialTokensAPromptGets() {
    // The tiny WordPiece tokenizer adds a special token to a prompt; vLLM counts an output without it.
    TextTokenizer tiny = Tokenizers.load("datasets/tokenizers/tiny");
    String text = "the cat sat";
    assertEquals(tiny.encodeBody(text).length + 1, tiny.count(text), "the premise: a special token on a prompt");
    OutputTokenCounter counter = new OutputTokenCounter(tiny, false, passed::add);
    RequestRecord record = record(text, 1, TokenSource.CHUNKS);
    counter.accept(record);
    counter.drain();
    assertEquals(tiny.encodeBody(text).length, record.outputTokens());
  }

  @Test
  void theTextStaysWhenRequestsAreLogged() {
    OutputTokenCounter counter = new OutputTokenCounter(new WordTestTokenizer(), true, passed::add);
    RequestRecord record = record("a b", 1, TokenSource.CHUNKS);
    counter.accept(record);
    counter.drain();
    assertEquals("a b", passed.get(0).generatedText());
    assertEquals(2, passed.get(0).outputTokens());
  }

  @Test
  void aRecordWithTheServersUsageIsPassedOnAtOnceUnchanged() {
    OutputTokenCounter counter = new OutputTokenCounter(new WordTestTokenizer(), false, passed::add);
    RequestRecord record = record("one two three", 7, TokenSource.USAGE);
    counter.accept(record);
    // No drain: it must already be through.
    assertSame(record, passed.get(0));
    assertEquals(7, record.outputTokens());
    assertEquals(TokenSource.USAGE, record.outputTokenSource());
    assertNull(record.generatedText());
    counter.drain();
  }

  @Test
  void afterTheDrainRecordsKeepTheirChunkCount() {
    OutputTokenCounter counter = new OutputTokenCounter(new WordTestTokenizer(), false, passed::add);
    counter.drain();
    RequestRecord late = record("a b c", 2, TokenSource.CHUNKS);
    counter.accept(late);
    assertSame(late, passed.get(0));
    assertEquals(TokenSource.CHUNKS, late.outputTokenSource());
  }
}
