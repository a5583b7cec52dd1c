package io.github.gatlingllm.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Counts the tokens of many texts on {@code availableProcessors()} threads: tokenizing is what dataset preparation
 * costs. The workers take the next text from a shared index, so a few long texts do not leave threads idle. Used only
 * before the load; the tokenizer is thread-safe.
 */
final class ParallelTokenCounter {
  private ParallelTokenCounter() {}

  /** The token count of every text, in order. */
  static int[] count(TextTokenizer tokenizer, List<String> texts) {
    int[] counts = new int[texts.size()];
    forEach(counts.length, i -> counts[i] = tokenizer.count(texts.get(i)));
    return counts;
  }

  /**
   * Runs {@code task} for every index below {@code size} on the same threads as {@link #count}: for preparation work
   * whose cost is tokenizing (building and counting synthetic prompts). The task writes its own slot of its output,
   * so the result does not depend on the thread count or the order the indexes are taken in.
   */
  static void forEach(int size, IntConsumer task) {
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), size);
    if (threads <= 1) {
      for (int i = 0; i < size; i++) {
        task.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
            task.accept(i);
          }
        };
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "dataset-tokenizer");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> running = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(worker));
      }
      for (Future<?> future : running) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tokenizing the dataset", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("tokenizing the dataset failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
