package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.netty.util.Transports;
import io.github.gatlingllm.client.ClientSettings;
import io.github.gatlingllm.client.StreamingHttpClient;
import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.report.DroppedRows;
import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.FormattedRequestFile;
import io.github.gatlingllm.report.RequestFileFormat;
import io.github.gatlingllm.report.RequestCsvWriter;
import io.github.gatlingllm.report.RequestJsonlWriter;
import io.github.gatlingllm.report.RunOrigin;
import io.github.gatlingllm.report.RunRecording;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.SampleBudget;
import io.github.gatlingllm.metrics.RecordListener;
import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import io.netty.channel.ChannelFactory;
import io.netty.channel.socket.SocketChannel;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.BoxedUnit;

/**
 * What one Gatling run shares across its scenarios: the recorder of finished requests and the thread that reads them
 * into the run's statistics, the HTTP clients (one per distinct client setting, each with per-event-loop pools), the
 * concurrency cap, and the end of the run: requests still in flight cancelled, then the report.
 *
 * <p>Gatling creates components per scenario but calls {@code newComponents} once per run, which creates this object;
 * so a warm-up scenario and the measured one share connections, the cap and one summary.
 */
public final class LlmRun {
  private static final Logger LOG = LoggerFactory.getLogger(LlmRun.class);

  private final CoreComponents core;
  private final TimeBase timeBase;
  private final long startEpochMillis = System.currentTimeMillis();
  private final MetricsRecorder recorder = new MetricsRecorder();
  private final InFlightRequests inFlight = new InFlightRequests();
  /** What the requests left, filled on the statistics thread; null until the first protocol is adopted. */
  private volatile RunRecording recording;
  private volatile StatisticsThread statistics;
  /** Set once the load is over (or the JVM is stopping): requests failing from then on were cut by the client. */
  private final AtomicBoolean loadFinished = new AtomicBoolean();
  /** Set once, when the first protocol asks for output token counting. */
  private volatile OutputTokenCounter outputTokens;
  private final ChannelFactory<? extends SocketChannel> channelFactory;
  /** This run's own Gatling folder, named by Gatling's id for this run (never guessed from file times). */
  private final ThisRunFolder thisRunFolder;
  private final Map<ClientSettings, StreamingHttpClient> clients = new ConcurrentHashMap<>();
  private final Map<Integer, ConcurrencyLimiter> limiters = new ConcurrentHashMap<>();
  private final AtomicBoolean reported = new AtomicBoolean();
  private final AtomicLong requestIds = new AtomicLong();
  private volatile ClientCpu clientCpu = new ClientCpu();
  private volatile ClientCpu.Usage loadCpu;
  private volatile LlmProtocol reportingProtocol;
  private volatile String dialectName = "openai";
  /** Set once, from any thread; read by every request as it starts. */
  private volatile boolean serverSendsUsage;
  private volatile EndOfRunReport.Written written;
  private volatile RequestCsvWriter requestCsv;
  private volatile RequestJsonlWriter requestJsonl;
  private final List<FormattedRequestFile> requestFiles = new CopyOnWriteArrayList<>();
  private final LongAdder startedRequests = new LongAdder();
  private volatile ServerMetricsRun serverMetrics;
  private final RunLoads loads = new RunLoads();

  LlmRun(CoreComponents core) {
    this.core = core;
    this.timeBase = new TimeBase(core.clock().nowMillis(), System.nanoTime());
    // Gatling has created this run's folder (and named it) by now: it builds the stats engine before any component.
    this.thisRunFolder = ThisRunFolder.of(core.statsEngine());
    // Sockets must match the transport of Gatling's event loops (io_uring, epoll or NIO), which our requests run on.
    this.channelFactory =
        Transports.newSocketChannelFactory(
            core.configuration().netty().useNativeTransport(), core.configuration().netty().useIoUring());
    core.actorSystem()
        .registerOnTermination(
            () -> {
              onLoadEnd();
              return BoxedUnit.UNIT;
            });
    // Runs after Gatling has written index.html (and also on Ctrl-C, so that what was measured is not lost).
    Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmExit, "gatling-llm-report"));
  }

  public CoreComponents core() {
    return core;
  }

  public TimeBase timeBase() {
    return timeBase;
  }

  public MetricsRecorder recorder() {
    return recorder;
  }

  /** The run-level settings come from the first protocol seen (scenarios of one run normally share one). */
  synchronized void adopt(LlmProtocol protocol) {
    if (reportingProtocol == null) {
      // First: with llm.serverMetrics=on an unreadable /metrics stops the run here, before anything else starts.
      ServerMetricsRun server = ServerMetricsRun.probe(protocol);
      reportingProtocol = protocol;
      if (protocol.clientWarmUp()) {
        // Before Gatling injects the first user: components are built while the simulation is set up.
        ClientWarmUp.Result warmUp = ClientWarmUp.run(core.eventLoopGroup(), channelFactory);
        System.out.printf(
            "gatling-llm client warmed up on a local mock: %d requests (%d failed) in %d ms%n",
            warmUp.requests(), warmUp.failures(), warmUp.millis());
        clientCpu = new ClientCpu(); // the load's CPU use, not the warm-up's
      }
      openRequestFiles(protocol);
      if (server != null) {
        // After the warm-up (which never touches the server), before Gatling injects the first user.
        server.start(runFolder(), timeBase.originNanos());
        serverMetrics = server;
      }
      startStatistics(protocol);
      if (protocol.report().outputTokenizer() != null) {
        outputTokens =
            new OutputTokenCounter(
                protocol.report().outputTokenizer(), protocol.report().logRequests(), recorder::record);
      }
    }
  }

  /**
   * The statistics thread, and the in-flight tracking that gives it its watermark (registered after the files: the
   * recorder queues a record before it tells any listener).
   */
  private void startStatistics(LlmProtocol protocol) {
    RunOrigin origin = new RunOrigin(timeBase.originMillis(), timeBase.originNanos());
    RunRecording run =
        new RunRecording(
            EndOfRunReport.options(protocol),
            timeBase.originNanos(),
            MetricSamples.DEFAULT_EXACT_LIMIT,
            SampleBudget.forHeap(Runtime.getRuntime().maxMemory()),
            // The rows added to Gatling's table follow this protocol's ITL mode, like its run-level settings.
            GatlingTimingRule.of(protocol.itlStats()));
    List<RecordListener> readers = new ArrayList<>();
    for (RunOutput output : protocol.report().outputs()) {
      if (output instanceof RecordListener reader) {
        readers.add(reader); // outputs that need more than the summary read each request as it finishes
      }
    }
    recorder.addListener(inFlight);
    long periodMillis = core.configuration().data().console().writePeriod().toMillis();
    StatisticsThread thread =
        new StatisticsThread(
            recorder,
            inFlight,
            run,
            readers,
            new PeriodicOutputs(protocol.report().periodicOutputs(), System.nanoTime(), origin),
            startedRequests::sum,
            periodMillis,
            System.out);
    recording = run;
    statistics = thread;
    thread.start();
  }

  /** llm-requests.csv (always) and llm-requests.jsonl (logRequests), filled as requests finish. */
  private void openRequestFiles(LlmProtocol protocol) {
    RunOrigin origin = new RunOrigin(timeBase.originMillis(), timeBase.originNanos());
    FolderLookup runFolder = runFolder();
    requestCsv = RequestCsvWriter.inFolder(runFolder, origin);
    // This run's shutdown hook closes the files once the requests it cancels are in them, not the writers' own.
    requestCsv.closedByOwnerOnExit();
    recorder.addListener(requestCsv);
    if (protocol.report().logRequests()) {
      requestJsonl = RequestJsonlWriter.inFolder(runFolder, origin);
      requestJsonl.closedByOwnerOnExit();
      recorder.addListener(requestJsonl);
    }
    for (RequestFileFormat format : protocol.report().requestFiles()) {
      FormattedRequestFile file = FormattedRequestFile.inFolder(runFolder, origin, format);
      file.closedByOwnerOnExit();
      requestFiles.add(file);
      recorder.addListener(file);
    }
  }

  /** This run's Gatling folder: the writers look for it on their own thread. */
  private FolderLookup runFolder() {
    return thisRunFolder;
  }

  /**
   * Drains and closes the per-request files, so they are complete before the summary is written; returns the lines
   * that did not make it (for {@code dropped_rows} in the summary).
   */
  private DroppedRows closeRequestFiles() {
    DroppedRows dropped = new DroppedRows();
    RequestCsvWriter csv = requestCsv;
    if (csv != null) {
      csv.close();
      dropped.add(RequestCsvWriter.FILE_NAME, csv.dropped());
      if (csv.dropped() > 0) {
        LOG.warn("{} rows could not be written to {}", csv.dropped(), RequestCsvWriter.FILE_NAME);
      }
    }
    RequestJsonlWriter jsonl = requestJsonl;
    if (jsonl != null) {
      jsonl.close();
      dropped.add(RequestJsonlWriter.FILE_NAME, jsonl.dropped());
      if (jsonl.dropped() > 0) {
        LOG.warn("{} lines could not be written to {}", jsonl.dropped(), RequestJsonlWriter.FILE_NAME);
      }
    }
    for (FormattedRequestFile file : requestFiles) {
      file.close();
      dropped.add(file.fileName(), file.dropped());
      if (file.dropped() > 0) {
        LOG.warn("{} rows could not be written to {}", file.dropped(), file.fileName());
      }
    }
    return dropped;
  }

  /**
   * Whether a request of this run has had its output counted by the server's usage. Until one has, requests capture
   * their generated text so that the tokenizer can count it; once the server has shown that it honours
   * {@code include_usage}, later requests skip the copy of every chunk's text (servers do not drop usage from one
   * request to the next; if one did, that request would fall back to its chunk count, and say so).
   */
  public boolean serverSendsUsage() {
    return serverSendsUsage;
  }

  /** A finished request's output token source (warm-ups included): the first usage count settles the question. */
  public void noteOutputTokenSource(TokenSource source) {
    if (source == TokenSource.USAGE && !serverSendsUsage) {
      serverSendsUsage = true;
    }
  }

  /**
   * Notes a population that sends measured requests, with its load's description (what the summary reports comes
   * from the load that was injected); once per population, however many LLM actions it holds.
   */
  public void measuredPopulation(LoadProtocol.Components population) {
    loads.measured(population);
  }

  /** Notes the wire format in use, reported as {@code backend} / {@code endpoint_type}. */
  public void noteDialect(String name) {
    this.dialectName = name;
  }

  StreamingHttpClient clientFor(LlmProtocol protocol) {
    ClientSettings settings =
        new ClientSettings(
            channelFactory,
            protocol.connectTimeout(),
            protocol.firstTokenTimeout(),
            protocol.idleTimeout(),
            protocol.totalTimeout(),
            protocol.trustAllCertificates());
    return clients.computeIfAbsent(settings, StreamingHttpClient::new);
  }

  /** The shared cap for a protocol's max concurrency, or null when it sets none. */
  ConcurrencyLimiter limiterFor(LlmProtocol protocol) {
    int cap = protocol.maxConcurrency();
    return cap <= 0 ? null : limiters.computeIfAbsent(cap, ConcurrencyLimiter::new);
  }

  /**
   * A measured request starts: counted for the live line, and tracked until its record arrives (its intended start
   * and request id must be set).
   */
  public void requestStarted(RequestRecord record) {
    startedRequests.increment();
    inFlight.started(record);
  }

  /** A new request's number in the run: 1, 2, ... in the order requests start. */
  public long nextRequestId() {
    return requestIds.incrementAndGet();
  }

  /**
   * Hands a finished request to the summary, through the output token counter when the protocol has one (the record
   * must not be touched by the caller afterwards). Warm-up requests never come here.
   */
  public void record(RequestRecord record) {
    OutputTokenCounter counter = outputTokens;
    if (counter != null) {
      counter.accept(record);
    } else {
      recorder.record(record);
    }
  }

  private void onLoadEnd() {
    loadCpu = clientCpu.sinceStart();
    finishLoad();
    report(false);
  }

  /** How long the end of a run waits for the records of the requests it cancelled. */
  static final long CANCEL_WAIT_MILLIS = 5_000;

  /**
   * Ends the load, once, whoever comes first (Gatling's end of the load, or the JVM's shutdown on Ctrl-C / SIGTERM):
   * stops the side activities, closes the clients so that every request still in flight ends as {@code cancelled}
   * (the client cut it, not the server), waits a bounded time for their records, then lets the statistics thread read
   * everything. Bounded: the clients' close waits at most {@code StreamingHttpClient.CLOSE_WAIT_MILLIS}, the records
   * {@link #CANCEL_WAIT_MILLIS}.
   */
  private void finishLoad() {
    if (!loadFinished.compareAndSet(false, true)) {
      return;
    }
    ServerMetricsRun server = serverMetrics;
    if (server != null) {
      server.stop();
    }
    clients.values().forEach(StreamingHttpClient::close);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CANCEL_WAIT_MILLIS);
    while (inFlight.size() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.size() > 0) {
      LOG.warn("{} request(s) still had no record {} ms after the run ended", inFlight.size(), CANCEL_WAIT_MILLIS);
    }
    OutputTokenCounter counter = outputTokens;
    if (counter != null) {
      counter.drain(); // the files and the summary must see every count
    }
    StatisticsThread thread = statistics;
    if (thread != null) {
      thread.stop();
    }
  }

  private void onJvmExit() {
    boolean interrupted = !reported.get();
    if (interrupted) {
      LOG.warn("The run was interrupted: cancelling the requests in flight and writing the LLM summary");
      finishLoad();
    }
    report(true);
    EndOfRunReport.Written files = written;
    if (files == null) {
      return;
    }
    EndOfRunReport.addToHtmlReport(files);
    if (!interrupted && files.failedChecks() > 0) {
      // Gatling has already chosen its exit status; halting from this hook, once the files are written, replaces it
      // so that `mvn gatling:test` (and any CI step) fails like it does for Gatling's own assertions.
      System.err.println("gatling-llm: " + files.failedChecks() + " SLO check(s) failed, exiting with status 2");
      System.err.flush();
      System.out.flush();
      Runtime.getRuntime().halt(2);
    }
  }

  private void report(boolean interrupted) {
    if (!reported.compareAndSet(false, true)) {
      return;
    }
    LlmProtocol protocol = reportingProtocol;
    RunRecording run = recording;
    if (protocol == null || run == null) {
      return; // no LLM request was ever built in this run
    }
    DroppedRows dropped = closeRequestFiles();
    ServerMetricsRun server = serverMetrics;
    ServerMetricsResult serverResult = server == null ? null : server.finish();
    try {
      written =
          EndOfRunReport.write(
              run,
              protocol,
              dialectName,
              loads.combined(),
              startEpochMillis,
              loadCpu != null ? loadCpu : clientCpu.sinceStart(),
              runFolder(),
              interrupted,
              new RunOrigin(timeBase.originMillis(), timeBase.originNanos()),
              serverResult,
              dropped);
    } catch (RuntimeException e) {
      LOG.error("Could not write the LLM summary", e);
    }
  }
}
