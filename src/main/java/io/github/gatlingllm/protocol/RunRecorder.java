package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.LoggedTimings;
import io.github.gatlingllm.metrics.RecordListener;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SampleBudget;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.health.RunHealth;
import io.github.gatlingllm.report.RunOrigin;
import io.github.gatlingllm.report.RunExtension;
import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.RunRecording;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The path of the run's requests into its statistics: numbered and tracked in flight as they start; once finished,
 * through the output token counter when there is one, to the recorder (whose listeners are the request files and
 * the in-flight tracking), which the statistics thread reads into the {@link RunRecording}. Nothing is kept per
 * request once read: memory stays bounded however long the run.
 */
final class RunRecorder {
  private final MetricsRecorder recorder = new MetricsRecorder();
  private final InFlightRequests inFlight = new InFlightRequests();
  private final LongAdder startedRequests = new LongAdder();
  private final AtomicLong requestIds = new AtomicLong();
  /** Numbers the requests; a fleet's injectors number theirs apart. Set at start, before any request. */
  private volatile Injector injector = new Injector("not-started", 0, 1);
  /** Set once, from any thread; read by every request as it starts. */
  private volatile boolean serverSendsUsage;
  /** Set at start when the run counts output tokens with a tokenizer. */
  private volatile OutputTokenCounter outputTokens;
  /** What the requests left, filled on the statistics thread; null until started. */
  private volatile RunRecording recording;
  private volatile StatisticsThread statistics;
  /**
   * What the statistics thread hands every record to: the outputs that read requests, then the loads' extensions.
   * Live (extensions register as their populations are built, possibly after the start), hence copy-on-write.
   */
  private final List<RecordListener> readers = new CopyOnWriteArrayList<>();
  private final List<RunExtension> extensions = new CopyOnWriteArrayList<>();
  private volatile RunHealth health;

  MetricsRecorder recorder() {
    return recorder;
  }

  /**
   * Starts the statistics thread and the in-flight tracking that gives it its watermark (registered after the
   * request files: the recorder queues a record before it tells any listener), then the output token counter.
   *
   * @param progressPeriodMillis the live line's period (Gatling's console period)
   */
  void start(ReportSettings report, TimeBase timeBase, long progressPeriodMillis) {
    injector = report.injector();
    RunRecording run =
        new RunRecording(
            EndOfRunReport.options(report),
            timeBase.originNanos(),
            MetricSamples.DEFAULT_EXACT_LIMIT,
            SampleBudget.forHeap(Runtime.getRuntime().maxMemory()),
            // The rows added to Gatling's table follow each request's own protocol, as its Gatling records did.
            LoggedTimings.RECORDS_OWN);
    List<RecordListener> outputReaders = new ArrayList<>();
    for (RunOutput output : report.outputs()) {
      if (output instanceof RecordListener reader) {
        outputReaders.add(reader); // outputs that need more than the summary read each request as it finishes
      }
    }
    readers.addAll(0, outputReaders);
    recorder.addListener(inFlight);
    RunOrigin origin = new RunOrigin(timeBase.originMillis(), timeBase.originNanos());
    StatisticsThread thread =
        new StatisticsThread(
            recorder,
            inFlight,
            run,
            readers,
            new PeriodicOutputs(report.periodicOutputs(), System.nanoTime(), origin),
            startedRequests::sum,
            progressPeriodMillis,
            System.out,
            this::afterRead);
    recording = run;
    statistics = thread;
    thread.start();
    if (report.outputTokenizer() != null) {
      outputTokens = new OutputTokenCounter(report.outputTokenizer(), report.logRequests(), recorder::record);
    }
  }

  /**
   * Registers a load's extension, once however many of its actions are built: from now on it reads every record
   * (populations are built before Gatling injects any user, so it misses none).
   */
  synchronized void addExtension(RunExtension extension) {
    for (RunExtension known : extensions) {
      if (known == extension) {
        return;
      }
    }
    extensions.add(extension);
    readers.add(extension);
  }

  /**
   * Registers the run's measurement health: an extension like a load's (it reads every record and adds to the
   * outputs), which the statistics thread also tells after each read how far the requests in flight go back.
   */
  void addHealth(RunHealth runHealth) {
    health = runHealth;
    addExtension(runHealth);
  }

  /** After each read of the statistics thread: the health judges what it can. */
  private void afterRead(long earliestUnrecorded) {
    RunHealth h = health;
    if (h != null) {
      h.advance(earliestUnrecorded);
    }
  }

  /** The loads' extensions, in the order they registered. */
  List<RunExtension> extensions() {
    return List.copyOf(extensions);
  }

  /** The recording, complete once {@link #finish} has returned; null when the run never started. */
  RunRecording recording() {
    return recording;
  }

  /**
   * A new request's number in the run: 1, 2, ... in the order requests start; in a fleet, this injector's own
   * numbers ({@link Injector#requestId}), which no other injector of the run uses.
   */
  long nextRequestId() {
    return injector.requestId(requestIds.incrementAndGet());
  }

  /** A measured request starts: counted for the live line, and tracked until its record arrives. */
  void requestStarted(RequestRecord record) {
    startedRequests.increment();
    inFlight.started(record);
  }

  /** Hands a finished request on, through the output token counter when the run has one. */
  void record(RequestRecord record) {
    OutputTokenCounter counter = outputTokens;
    if (counter != null) {
      counter.accept(record);
    } else {
      recorder.record(record);
    }
  }

  /** See {@link LlmRun#serverSendsUsage()}. */
  boolean serverSendsUsage() {
    return serverSendsUsage;
  }

  void noteOutputTokenSource(TokenSource source) {
    if (source == TokenSource.USAGE && !serverSendsUsage) {
      serverSendsUsage = true;
    }
  }

  /**
   * Waits at most {@code millis} for every request in flight to reach the recorder (the caller has cancelled them);
   * returns how many are still missing.
   */
  int awaitInFlight(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (inFlight.size() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return inFlight.size();
  }

  /**
   * Lets the output token counter hand on what it holds (the files and the summary must see every count), then the
   * statistics thread read everything: afterwards the recording is complete.
   */
  void finish() {
    OutputTokenCounter counter = outputTokens;
    if (counter != null) {
      counter.drain();
    }
    StatisticsThread thread = statistics;
    if (thread != null) {
      thread.stop();
    }
  }
}
