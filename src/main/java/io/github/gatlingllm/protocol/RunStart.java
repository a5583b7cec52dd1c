package io.github.gatlingllm.protocol;

import io.github.gatlingllm.health.RunHealth;
import java.time.Clock;
import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.RunOrigin;

/**
 * The start of a run, before Gatling injects the first user: the first protocol's run-level settings start it (probe
 * the server's metrics, warm the client up, open the request files, start sampling and the statistics); every later
 * protocol must carry the same run-level settings ({@link RunLevelSettings#requireSame}), or the run stops here.
 * Every protocol's model and cap join the run's description.
 */
final class RunStart {
  /** What the end of the run finishes: set once the run has started. */
  record Started(
      RunLevelSettings settings, RequestFiles files, ServerMetricsRun server, ClientCpu cpu, RunHealth health) {}

  private final TimeBase timeBase;
  private final FolderLookup runFolder;
  private final long progressPeriodMillis;
  private final RunClients clients;
  private final RunRecorder recorder;
  private final RunDescriber description;
  /** The load's CPU use counts from here, or from the end of the warm-up. */
  private final ClientCpu createdCpu = new ClientCpu();
  private final TransportWarnings warnings = new TransportWarnings(System.out);
  /** The protocol the run started with; guarded by this. */
  private LlmProtocol first;
  private volatile Started started;
  private volatile boolean refused;

  RunStart(
      TimeBase timeBase,
      FolderLookup runFolder,
      long progressPeriodMillis,
      RunClients clients,
      RunRecorder recorder,
      RunDescriber description) {
    this.timeBase = timeBase;
    this.runFolder = runFolder;
    this.progressPeriodMillis = progressPeriodMillis;
    this.clients = clients;
    this.recorder = recorder;
    this.description = description;
  }

  /** A scenario's protocol: starts the run with the first; checks every later one against it. */
  synchronized void adopt(LlmProtocol protocol) {
    warnings.check(protocol);
    if (first == null) {
      start(protocol);
      first = protocol;
    } else {
      try {
        RunLevelSettings.requireSame(first, protocol);
      } catch (IllegalStateException e) {
        refused = true; // what already started is closed at the end, but no summary describes a run that never ran
        throw e;
      }
      clients.preconnect(protocol);
    }
  }

  private void start(LlmProtocol protocol) {
    RunLevelSettings given = protocol.run();
    // The run's place in a fleet, or a run alone with its fresh run id, fixed once here for the files and the summary.
    RunLevelSettings settings =
        new RunLevelSettings(
            given.report().withInjector(), given.clientWarmUp(), given.serverMetrics(), given.startAt(),
            given.healthLagThreshold());
    // First: with llm.serverMetrics=on an unreadable /metrics stops the run here, before anything else starts.
    ServerMetricsRun server = ServerMetricsRun.probe(protocol);
    ClientCpu cpu = createdCpu;
    if (settings.clientWarmUp()) {
      // Before Gatling injects the first user: components are built while the simulation is set up.
      ClientWarmUp.Result warmUp = clients.warmUp();
      System.out.printf(
          "gatling-llm client warmed up on a loopback streamer: %d requests (%d failed) in %d rounds, %d ms; JIT"
              + " compilation %d ms, %s%n",
          warmUp.requests(), warmUp.failures(), warmUp.rounds(), warmUp.millis(), warmUp.compileMillis(),
          warmUp.quiet() ? "then quiet" : "still busy when the warm-up's budget ran out");
      cpu = new ClientCpu(); // the load's CPU use, not the warm-up's
    }
    if (settings.startAt() != null) {
      // Once warm, so that what takes each injector a different time is over: the fleet's load starts together.
      FleetStart.await(settings.startAt(), Clock.systemUTC(), System.out);
      cpu = new ClientCpu(); // the load's CPU use, not the wait's
    }
    if (clients.preconnect(protocol)) {
      cpu = new ClientCpu(); // nor the connections'
    }
    RunOrigin origin = new RunOrigin(timeBase.originMillis(), timeBase.originNanos());
    RequestFiles files = RequestFiles.open(recorder.recorder(), runFolder, origin, settings.report());
    // Every run watches its own measurements from the start of its load (after the warm-up and any fleet wait).
    RunHealth health = RunHealth.start(clients.eventLoops(), settings.healthLagThreshold(), timeBase.originNanos());
    recorder.addHealth(health);
    try {
      if (server != null) {
        // After the warm-up (which never touches the server), before Gatling injects the first user.
        server.start(runFolder, timeBase.originNanos());
      }
      recorder.start(settings.report(), timeBase, progressPeriodMillis);
    } catch (RuntimeException e) {
      // The run stops here and the end of the run will find nothing started: release what was opened now.
      if (server != null) {
        server.release();
      }
      files.close();
      health.stopWatching();
      throw e;
    }
    started = new Started(settings, files, server, cpu, health);
  }

  /** What the run started, or null when no protocol ever started it. */
  Started started() {
    return started;
  }

  /** Whether a protocol was refused at start: the run stopped before its load. */
  boolean refused() {
    return refused;
  }
}
