package io.github.gatlingllm.protocol;

import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the output tokens of finished requests whose stream carried no usage (a raw body, a server without usage)
 * by tokenizing their generated text, as LLM-on-Ray's benchmark does after the fact. Tokenizing costs far too much for
 * an event loop, so it runs on one thread of its own; the record is handed on (to the recorder, and so to the files
 * and the summary) only once counted, so every output sees the same count.
 */
final class OutputTokenCounter {
  private static final Logger LOG = LoggerFactory.getLogger(OutputTokenCounter.class);

  private final TextTokenizer tokenizer;
  /** The text was captured for counting only: drop it once counted, so a long run does not keep every output. */
  private final boolean keepText;
  private final Consumer<RequestRecord> next;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "gatling-llm-output-tokens");
            t.setDaemon(true);
            return t;
          });

  OutputTokenCounter(TextTokenizer tokenizer, boolean keepText, Consumer<RequestRecord> next) {
    this.tokenizer = tokenizer;
    this.keepText = keepText;
    this.next = next;
  }

  /** Counts {@code record} off the caller's thread when it needs it, then hands it on; else hands it on at once. */
  void accept(RequestRecord record) {
    if (record.generatedText() == null || record.outputTokenSource() != TokenSource.CHUNKS) {
      if (!keepText) {
        record.generatedText(null); // the server's usage counted it: the text was captured for nothing
      }
      next.accept(record);
      return;
    }
    try {
      thread.execute(() -> countThenPass(record));
    } catch (RejectedExecutionException e) {
      next.accept(record); // after the end of the run: the chunk count stands
    }
  }

  private void countThenPass(RequestRecord record) {
    try {
      // Without special tokens, as vLLM counts a generated text (add_special_tokens=False): no BOS on an output.
      record.outputTokens(tokenizer.encodeBody(record.generatedText()).length, TokenSource.TOKENIZER);
    } catch (RuntimeException e) {
      LOG.warn("Could not count output tokens with {}: the chunk count stands", tokenizer.id(), e);
    }
    if (!keepText) {
      record.generatedText(null);
    }
    next.accept(record);
  }

  /** Waits for the records queued so far to be counted and handed on; later ones keep their chunk counts. */
  void drain() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(2, TimeUnit.MINUTES)) {
        LOG.warn("Output token counting did not finish in 2 minutes: the summary misses the requests still queued");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
