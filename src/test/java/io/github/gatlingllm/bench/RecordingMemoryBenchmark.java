package io.github.gatlingllm.bench;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.SampleBudget;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.report.RunRecording;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a unit test: the bounded-memory benchmark of BENCHMARKS.md. Feeds a {@link RunRecording} (what a run keeps of
 * its requests: statistics, per-scenario statistics, chart series, samples) with a million synthetic 500-token
 * requests, as the statistics thread would, and prints the heap it retains (after a full GC) every 100,000 requests,
 * the time per request on that thread, and the summary's exactness. With the run keeping no request, the retained heap
 * must level off once the exact stores are full, whatever the count.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1G -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.github.gatlingllm.bench.RecordingMemoryBenchmark [requests] [tokens]
 * </pre>
 */
public final class RecordingMemoryBenchmark {
  private static final long MS = 1_000_000L;

  private RecordingMemoryBenchmark() {}

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    SummaryOptions options = new SummaryOptions(List.of(50.0, 90.0, 99.0), null, false, false);
    RunRecording recording =
        new RunRecording(
            options, 0, MetricSamples.DEFAULT_EXACT_LIMIT, SampleBudget.forHeap(Runtime.getRuntime().maxMemory()));
    SplittableRandom random = new SplittableRandom(42);
    System.out.printf(Locale.ROOT, "%12s %16s %14s%n", "requests", "retained (MB)", "us/request");
    long baseline = retainedBytes();
    long busyNanos = 0;
    // 20 requests in flight, one starting every 50 ms of simulated time.
    for (int i = 1; i <= requests; i++) {
      long send = i * 50 * MS;
      RequestRecord r = new RequestRecord("chat");
      r.origin(i % 2 == 0 ? "a" : "b", i, i);
      r.intended(send);
      r.sent(send);
      long t = send + (40 + random.nextInt(20)) * MS;
      for (int c = 0; c < tokens; c++) {
        r.chunk(t);
        t += 1 * MS + random.nextInt(2_000_000);
      }
      r.promptTokens(100 + random.nextInt(400), TokenSource.USAGE);
      r.outputTokens(tokens, TokenSource.USAGE);
      r.ended(t);
      long start = System.nanoTime();
      recording.add(r);
      recording.advance(send - 20 * 50 * MS);
      busyNanos += System.nanoTime() - start;
      if (i % 100_000 == 0) {
        System.out.printf(
            Locale.ROOT,
            "%12d %16.1f %14.2f%n",
            i,
            (retainedBytes() - baseline) / 1e6,
            busyNanos / 1e3 / 100_000);
        busyNanos = 0;
      }
    }
    if (Boolean.getBoolean("bench.pause")) {
      System.out.println("paused for a heap histogram (jcmd <pid> GC.class_histogram)");
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long start = System.nanoTime();
    recording.advance(Long.MAX_VALUE);
    BenchmarkSummary s =
        recording.summary(new RunDescription("openai", null, null, "m", "m", requests, 20, 1, null, 0));
    System.out.printf(
        Locale.ROOT,
        "summary in %.0f ms: %d completed, ITL %d samples (exact: %s), p99 ITL %.3f ms, TTFT exact: %s, peak"
            + " concurrency %d, peak chunks/s %.0f%n",
        (System.nanoTime() - start) / 1e6,
        s.completed(),
        s.itl().count(),
        s.itl().exact(),
        s.itl().percentile(99),
        s.ttft().exact(),
        s.maxConcurrentRequests(),
        s.maxOutputTokensPerSecond());
  }

  private static long retainedBytes() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
