package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.github.gatlingllm.report.DroppedRows;
import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.RunOrigin;
import io.github.gatlingllm.report.RunRecording;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.BoxedUnit;

/**
 * The end of a run, whoever comes first: Gatling's end of the load (its actor system terminating), or the JVM's
 * shutdown on Ctrl-C / SIGTERM. Ends the load once ({@link #finishLoad}), writes the report once, and from the JVM's
 * shutdown hook (which runs after Gatling has written index.html) adds the summary to Gatling's HTML report and turns
 * failed SLO checks into exit status 2.
 */
final class RunEnd {
  private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);
  /** How long the end of a run waits for the records of the requests it cancelled. */
  static final long CANCEL_WAIT_MILLIS = 5_000;

  private final RunStart start;
  private final RunClients clients;
  private final RunRecorder recorder;
  private final RunDescriber description;
  private final FolderLookup runFolder;
  private final TimeBase timeBase;
  /** Set once the load is over (or the JVM is stopping): requests failing from then on were cut by the client. */
  private final AtomicBoolean loadFinished = new AtomicBoolean();
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile ClientCpu.Usage loadCpu;
  private volatile EndOfRunReport.Written written;
  /** Read at start, so that a bad -Dllm.enterprise fails before any load. */
  private boolean onEnterprise;

  RunEnd(
      RunStart start,
      RunClients clients,
      RunRecorder recorder,
      RunDescriber description,
      FolderLookup runFolder,
      TimeBase timeBase) {
    this.start = start;
    this.clients = clients;
    this.recorder = recorder;
    this.description = description;
    this.runFolder = runFolder;
    this.timeBase = timeBase;
  }

  /** Hooks the end of the run to Gatling's end of the load and to the JVM's shutdown. */
  void install(CoreComponents core) {
    onEnterprise = GatlingEnterprise.detected();
    core.actorSystem()
        .registerOnTermination(
            () -> {
              onLoadEnd();
              return BoxedUnit.UNIT;
            });
    // Runs after Gatling has written index.html (and also on Ctrl-C, so that what was measured is not lost).
    Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmExit, "gatling-llm-report"));
  }

  private void onLoadEnd() {
    RunStart.Started started = start.started();
    loadCpu = started == null ? null : started.cpu().sinceStart();
    finishLoad();
    report(false);
  }

  /**
   * Ends the load, once: stops the server-metrics sampling, closes the clients so that every request still in flight
   * ends as {@code cancelled} (the client cut it, not the server), waits a bounded time for their records, then lets
   * the statistics read everything. Bounded: the clients' close waits at most
   * {@code StreamingHttpClient.CLOSE_WAIT_MILLIS}, the records {@link #CANCEL_WAIT_MILLIS}.
   */
  private void finishLoad() {
    if (!loadFinished.compareAndSet(false, true)) {
      return;
    }
    RunStart.Started started = start.started();
    if (started != null && started.server() != null) {
      started.server().stop();
    }
    clients.close();
    int missing = recorder.awaitInFlight(CANCEL_WAIT_MILLIS);
    if (missing > 0) {
      LOG.warn("{} request(s) still had no record {} ms after the run ended", missing, CANCEL_WAIT_MILLIS);
    }
    if (started != null) {
      // Before the statistics' last read, which then judges the last requests with every stall known.
      started.health().stopWatching();
    }
    recorder.finish();
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
      if (onEnterprise) {
        // Enterprise judges the run by Gatling's assertions (LlmAssertions.gatlingEquivalents) and owns its load
        // generator's JVM: halting it would cut Enterprise's own end of run.
        System.err.println("gatling-llm: " + files.failedChecks() + " SLO check(s) failed; on Gatling Enterprise the"
            + " exit status is left to Gatling's assertions");
        return;
      }
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
    RunStart.Started started = start.started();
    RunRecording run = recorder.recording();
    if (started == null || run == null) {
      return; // no LLM request was ever built in this run
    }
    DroppedRows dropped = started.files().close();
    ServerMetricsResult serverResult = started.server() == null ? null : started.server().finish();
    if (start.refused()) {
      return; // the run stopped at start (the error says why): no summary of a load that never ran
    }
    ReportSettings report = started.settings().report();
    try {
      written =
          EndOfRunReport.write(
              run,
              report,
              description.describe(report, run.statistics().requests()),
              description.load(),
              loadCpu != null ? loadCpu : started.cpu().sinceStart(),
              runFolder,
              interrupted,
              new RunOrigin(timeBase.originMillis(), timeBase.originNanos()),
              serverResult,
              dropped,
              recorder.extensions());
    } catch (RuntimeException e) {
      LOG.error("Could not write the LLM summary", e);
    }
  }
}
