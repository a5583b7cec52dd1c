package io.github.gatlingllm.protocol;

import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.GenerationRequest;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.client.ClientSettings;
import io.github.gatlingllm.client.TlsSettings;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.StreamingHttpClient;
import io.github.gatlingllm.client.StreamingRequest;
import io.github.gatlingllm.metrics.RequestRecord;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.SampleBudget;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.report.RequestCsvWriter;
import io.github.gatlingllm.report.RunOrigin;
import io.github.gatlingllm.report.RunRecording;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Warms the client before the first measured request, as Gatling's HTTP protocol warms its own stack: streams events
 * through the real client, SSE decoder and dialects on every one of Gatling's event loops, against a throw-away
 * {@link WarmUpStreamer} on loopback (nothing leaves the machine, the server under test sees nothing), in rounds,
 * until the JIT compiler goes quiet.
 *
 * <p>Why: on a cold JVM the first requests pay for class loading and interpreted code (+150-250 ms of TTFT on the
 * first dozen requests of a run when this was first written). And the JIT compiler's own work lands in the measured
 * load: on a client with one core, at 2,000 req/s, C2 used 7 s of CPU during the first 20 s of the load (BENCHMARKS.md,
 * "Calibration"), while the event loops needed 0.45 of the core. Those milliseconds belong to the client, not to the
 * server. So the warm-up goes on until a round passes with almost no compilation ({@link QuietCompiler}), within a
 * budget.
 */
final class ClientWarmUp {
  /*
   * One round: 2 connections x 24 requests x 64 chunks = 3,072 events per event loop, about 0.3 s on an idle machine.
   * The first round loads every class of the path and gets it compiled by C1; the next ones give C2 its profiles.
   */
  private static final int SEQUENCES_PER_LOOP = 2;
  private static final int REQUESTS_PER_SEQUENCE = 24;
  private static final int TOKENS_PER_REQUEST = 64;
  /** The whole warm-up, rounds and the wait for the last one: a bound for a machine too busy to ever go quiet. */
  static final Duration BUDGET = Duration.ofSeconds(20);

  /**
   * What the warm-up did: requests completed and failed, how long it took, its rounds, the JIT compilation time it
   * saw (-1 when the JVM cannot tell) and whether the compiler went quiet within the budget.
   */
  record Result(int requests, int failures, long millis, int rounds, long compileMillis, boolean quiet) {
    /** What the console says of the JIT: a JVM that does not measure its compile time ran one round, quiet or not. */
    String jit() {
      if (compileMillis < 0) {
        return "JIT compilation time not measured by this JVM (one round)";
      }
      return "JIT compilation " + compileMillis + " ms, "
          + (quiet ? "then quiet" : "still busy when the warm-up's budget ran out");
    }
  }

  private ClientWarmUp() {}

  static Result run(EventLoopGroup loops, ChannelFactory<? extends SocketChannel> channelFactory) {
    return run(loops, channelFactory, QuietCompiler.ofThisJvm(), BUDGET);
  }

  static Result run(
      EventLoopGroup loops,
      ChannelFactory<? extends SocketChannel> channelFactory,
      QuietCompiler compiler,
      Duration budget) {
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    List<EventLoop> targets = new java.util.ArrayList<>();
    for (EventExecutor executor : loops) {
      targets.add((EventLoop) executor);
    }
    AtomicInteger failures = new AtomicInteger();
    ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
    RecordingPath recordingPath = new RecordingPath(start);
    int perRound = targets.size() * SEQUENCES_PER_LOOP * REQUESTS_PER_SEQUENCE;
    int completed = 0;
    int rounds = 0;
    boolean quiet = false;
    try (WarmUpStreamer server = WarmUpStreamer.start();
        StreamingHttpClient client =
            new StreamingHttpClient(
                new ClientSettings(
                    channelFactory, Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, budget, TlsSettings.VERIFIED))) {
      HttpTarget target = HttpTarget.parse(server.baseUrl());
      while (!quiet && System.nanoTime() - deadline < 0) {
        CountDownLatch done = new CountDownLatch(perRound);
        for (EventLoop loop : targets) {
          for (int i = 0; i < SEQUENCES_PER_LOOP; i++) {
            loop.execute(new Sequence(client, loop, target, done, failures, records));
          }
        }
        long roundStart = System.nanoTime();
        boolean finished = done.await(Math.max(1, deadline - roundStart), TimeUnit.NANOSECONDS);
        completed += perRound - (int) done.getCount();
        rounds++;
        recordingPath.read(records);
        quiet = compiler.roundEnded(System.nanoTime() - roundStart);
        if (!finished || failures.get() > 0) {
          break; // a broken loopback says nothing more about the JIT: warm with what ran
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Result(
        completed,
        failures.get(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
        rounds,
        compiler.totalMillis(),
        quiet);
  }

  /**
   * Tells when the JIT compiler has gone quiet: the compilation time it reports grew by at most 2 % of a round's wall
   * time (and at most 10 ms) over two rounds in a row. A JVM that cannot tell its compilation time is never quiet by
   * this rule, so its warm-up runs one round, as before this rule existed.
   */
  static final class QuietCompiler {
    private static final int QUIET_ROUNDS_NEEDED = 2;
    private final LongSupplier compileMillis;
    private final long startMillis;
    private long lastMillis;
    private int quietRounds;

    QuietCompiler(LongSupplier compileMillis) {
      this.compileMillis = compileMillis;
      this.startMillis = compileMillis.getAsLong();
      this.lastMillis = startMillis;
    }

    static QuietCompiler ofThisJvm() {
      CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
      if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
        return new QuietCompiler(() -> -1);
      }
      return new QuietCompiler(jit::getTotalCompilationTime);
    }

    /** Called after each round of {@code roundNanos}; true once the compiler is quiet. */
    boolean roundEnded(long roundNanos) {
      long now = compileMillis.getAsLong();
      if (now < 0) {
        return true; // unknown: one round, the warm-up this class always did
      }
      long grew = now - lastMillis;
      lastMillis = now;
      long allowed = Math.min(10, TimeUnit.NANOSECONDS.toMillis(roundNanos) / 50);
      quietRounds = grew <= allowed ? quietRounds + 1 : 0;
      return quietRounds >= QUIET_ROUNDS_NEEDED;
    }

    /** Compilation time since creation, or -1 when unknown. */
    long totalMillis() {
      return lastMillis < 0 ? -1 : lastMillis - startMillis;
    }
  }

  /**
   * What the run does with each finished request, on the warm-up's records, thrown away: add it to the statistics (as
   * the statistics thread does) and format its CSV row (as the writer thread does). Without it these paths were
   * compiled during the first seconds of the measured load (370 ms of JIT in its third second at 2,000 req/s on one
   * core, while warm-ups had already warmed the send and read paths), and most sends later than 2 ms fell there.
   */
  private static final class RecordingPath {
    private final RunRecording recording;
    private final RunOrigin origin;
    private final StringBuilder row = new StringBuilder(512);

    RecordingPath(long originNanos) {
      this.recording =
          new RunRecording(
              SummaryOptions.defaults(), originNanos, MetricSamples.DEFAULT_EXACT_LIMIT, SampleBudget.unlimited());
      this.origin = new RunOrigin(System.currentTimeMillis(), originNanos);
    }

    /** Takes every record of the queue (the warm-up's rounds are over when it is called). */
    void read(Queue<RequestRecord> finished) {
      RequestRecord r;
      while ((r = finished.poll()) != null) {
        recording.add(r);
        RequestCsvWriter.formatRow(r, origin, row);
        row.setLength(0);
      }
      recording.advance(System.nanoTime());
    }
  }

  /** The requests of one event loop, one after the other, alternating the two OpenAI dialects. */
  private static final class Sequence extends RecordingStreamHandler implements Runnable {
    private final StreamingHttpClient client;
    private final EventLoop loop;
    private final HttpTarget target;
    private final CountDownLatch done;
    private final AtomicInteger failures;
    private final Queue<RequestRecord> finished;
    private int sent;

    Sequence(
        StreamingHttpClient client,
        EventLoop loop,
        HttpTarget target,
        CountDownLatch done,
        AtomicInteger failures,
        Queue<RequestRecord> finished) {
      this.client = client;
      this.loop = loop;
      this.target = target;
      this.done = done;
      this.failures = failures;
      this.finished = finished;
    }

    @Override
    public void run() {
      if (sent == REQUESTS_PER_SEQUENCE) {
        return;
      }
      Dialect dialect = sent % 2 == 0 ? OpenAiCompletionsDialect.INSTANCE : OpenAiChatDialect.INSTANCE;
      sent++;
      RequestRecord record = new RequestRecord("warm-up");
      record.intended(System.nanoTime());
      record(new StreamRecording(dialect, record));
      byte[] body =
          dialect.body(new GenerationRequest("warm-up", "warm up the client", null, TOKENS_PER_REQUEST, true, null, null));
      client.execute(loop, new StreamingRequest(target, dialect.defaultPath(), List.of(), body), this);
    }

    @Override
    protected void completed(RequestRecord record) {
      if (!record.success()) {
        failures.incrementAndGet();
      }
      finished.add(record);
      done.countDown();
      // a fresh task rather than a nested call: the client hands the connection back to the pool first
      loop.execute(this);
    }
  }
}
