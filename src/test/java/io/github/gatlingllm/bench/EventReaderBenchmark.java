package io.github.gatlingllm.bench;

import io.github.gatlingllm.api.JacksonOpenAiEventReference;
import io.github.gatlingllm.api.JacksonTgiEventReference;
import io.github.gatlingllm.api.MalformedEventException;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.api.StreamChunk;
import io.github.gatlingllm.api.TgiGenerateDialect;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a unit test: the event reader benchmark of BENCHMARKS.md. Reads one event over and over, with the Jackson-based
 * reference reader and the scanner-based reader in alternation (so both see the same machine state), and reports
 * ns/event per round and bytes allocated per event (from the thread's allocation counter). No JMH (not in the
 * project's dependencies): rounds are long (2 s) and repeated so that JIT warm-up and noise show as spread.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.github.gatlingllm.bench.EventReaderBenchmark
 * </pre>
 *
 * Options: {@code --warmups=5 --rounds=5 --seconds=2}.
 */
public final class EventReaderBenchmark {
  @FunctionalInterface
  interface Reader {
    void read(byte[] data, int length, StreamChunk out) throws MalformedEventException;
  }

  record Shape(String name, String event, Reader jackson, Reader scanner) {}

  private static final List<Shape> SHAPES =
      List.of(
          new Shape(
              "vLLM chat content chunk",
              "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,"
                  + "\"model\":\"Qwen/Qwen3-8B\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the\"},"
                  + "\"logprobs\":null,\"finish_reason\":null}]}",
              JacksonOpenAiEventReference::read,
              OpenAiChatDialect.INSTANCE::interpret),
          new Shape(
              "vLLM completions chunk",
              "{\"id\":\"cmpl-123\",\"object\":\"text_completion\",\"created\":1732000000,\"model\":\"Qwen/Qwen3-8B\","
                  + "\"choices\":[{\"index\":0,\"text\":\" the\",\"logprobs\":null,\"finish_reason\":null,"
                  + "\"stop_reason\":null}],\"usage\":null}",
              JacksonOpenAiEventReference::read,
              OpenAiCompletionsDialect.INSTANCE::interpret),
          new Shape(
              "vLLM usage chunk",
              "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,"
                  + "\"model\":\"Qwen/Qwen3-8B\",\"choices\":[],\"usage\":{\"prompt_tokens\":512,\"total_tokens\":768,"
                  + "\"completion_tokens\":256,\"prompt_tokens_details\":null}}",
              JacksonOpenAiEventReference::read,
              OpenAiChatDialect.INSTANCE::interpret),
          new Shape(
              "TGI token event",
              "{\"index\":12,\"token\":{\"id\":279,\"text\":\" the\",\"logprob\":-0.25,\"special\":false},"
                  + "\"generated_text\":null,\"details\":null}",
              JacksonTgiEventReference::read,
              TgiGenerateDialect.INSTANCE::interpret));

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Fed from every read so the JIT cannot drop the work. */
  private static long blackhole;

  private EventReaderBenchmark() {}

  record Round(double nanosPerEvent, double bytesPerEvent) {}

  public static void main(String[] args) throws Exception {
    int warmups = option(args, "warmups", 5);
    int rounds = option(args, "rounds", 5);
    long roundNanos = option(args, "seconds", 2) * 1_000_000_000L;
    List<List<Round>> jackson = new ArrayList<>();
    List<List<Round>> scanner = new ArrayList<>();
    for (int s = 0; s < SHAPES.size(); s++) {
      jackson.add(new ArrayList<>());
      scanner.add(new ArrayList<>());
    }
    for (int round = 0; round < warmups + rounds; round++) {
      boolean warmup = round < warmups;
      for (int s = 0; s < SHAPES.size(); s++) {
        Shape shape = SHAPES.get(s);
        byte[] data = shape.event().getBytes(StandardCharsets.UTF_8);
        Round old = measure(shape.jackson(), data, roundNanos);
        Round now = measure(shape.scanner(), data, roundNanos);
        System.out.printf(
            Locale.ROOT,
            "%s %d  %-26s jackson %7.1f ns %6.0f B   scanner %7.1f ns %6.1f B%n",
            warmup ? "warm-up" : "round  ",
            warmup ? round + 1 : round - warmups + 1,
            shape.name(),
            old.nanosPerEvent(),
            old.bytesPerEvent(),
            now.nanosPerEvent(),
            now.bytesPerEvent());
        if (!warmup) {
          jackson.get(s).add(old);
          scanner.get(s).add(now);
        }
      }
    }
    printTable(jackson, scanner);
    if (blackhole == 42) {
      System.out.println();
    }
  }

  private static Round measure(Reader reader, byte[] data, long roundNanos) throws MalformedEventException {
    StreamChunk chunk = new StreamChunk();
    long thread = Thread.currentThread().getId();
    long events = 0;
    long sum = 0;
    long bytesBefore = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    long elapsed;
    do {
      // Batches keep the clock out of the measured loop.
      for (int i = 0; i < 1024; i++) {
        reader.read(data, data.length, chunk);
        sum += chunk.choices() + chunk.completionTokens() + (chunk.visibleContent() ? 1 : 0);
      }
      events += 1024;
      elapsed = System.nanoTime() - start;
    } while (elapsed < roundNanos);
    long bytes = THREADS.getThreadAllocatedBytes(thread) - bytesBefore;
    blackhole += sum;
    return new Round((double) elapsed / events, (double) bytes / events);
  }

  private static void printTable(List<List<Round>> jackson, List<List<Round>> scanner) {
    System.out.println();
    System.out.println("| Event (bytes) | Reader | ns/event, median (min–max) | bytes/event | Speed-up |");
    System.out.println("|---|---|---|---|---|");
    for (int s = 0; s < SHAPES.size(); s++) {
      Shape shape = SHAPES.get(s);
      int size = shape.event().getBytes(StandardCharsets.UTF_8).length;
      double oldMedian = median(jackson.get(s));
      double newMedian = median(scanner.get(s));
      System.out.println(row(shape.name() + " (" + size + ")", "Jackson (reference)", jackson.get(s), ""));
      System.out.println(
          row("", "JsonEventScanner", scanner.get(s), String.format(Locale.ROOT, "%.1f×", oldMedian / newMedian)));
    }
  }

  private static String row(String shape, String reader, List<Round> rounds, String speedUp) {
    double[] nanos = rounds.stream().mapToDouble(Round::nanosPerEvent).sorted().toArray();
    double bytes = rounds.stream().mapToDouble(Round::bytesPerEvent).max().orElse(0);
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.0f (%.0f–%.0f) | %.1f | %s |",
        shape,
        reader,
        median(rounds),
        nanos[0],
        nanos[nanos.length - 1],
        bytes,
        speedUp);
  }

  private static double median(List<Round> rounds) {
    double[] nanos = rounds.stream().mapToDouble(Round::nanosPerEvent).toArray();
    Arrays.sort(nanos);
    int middle = nanos.length / 2;
    return nanos.length % 2 == 1 ? nanos[middle] : (nanos[middle - 1] + nanos[middle]) / 2;
  }

  private static int option(String[] args, String name, int fallback) {
    String prefix = "--" + name + "=";
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return Integer.parseInt(arg.substring(prefix.length()));
      }
    }
    return fallback;
  }
}
