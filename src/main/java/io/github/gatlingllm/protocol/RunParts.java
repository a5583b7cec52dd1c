package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.github.gatlingllm.report.FolderLookup;

/**
 * The parts of one Gatling run, wired once: Gatling creates components per scenario but calls {@code newComponents}
 * once per run, which creates this object; so a warm-up scenario and the measured one share connections, caps, one
 * recorder and one summary. Each part has one job: {@link RunClients} (clients and caps), {@link RunRecorder} (the
 * requests' way into the statistics), {@link RunDescriber} (what the summary says the run was), {@link RunStart} and
 * {@link RunEnd}; the request files are opened by the start and closed by the end ({@link RequestFiles}).
 */
final class RunParts {
  final CoreComponents core;
  final TimeBase timeBase;
  final RunClients clients;
  final RunRecorder recorder = new RunRecorder();
  final RunDescriber description = new RunDescriber();
  final RunStart start;

  RunParts(CoreComponents core) {
    this.core = core;
    this.timeBase = new TimeBase(core.clock().nowMillis(), System.nanoTime());
    // Gatling has created this run's folder (and named it) by now: it builds the stats engine before any component.
    // On Gatling Enterprise there is no Gatling run folder: -Dllm.resultsDir may give the files a folder there.
    FolderLookup runFolder = EnterpriseRunFolder.choose(ThisRunFolder.of(core.statsEngine()));
    this.clients = new RunClients(core);
    this.start =
        new RunStart(
            timeBase,
            runFolder,
            core.configuration().data().console().writePeriod().toMillis(),
            clients,
            recorder,
            description);
    new RunEnd(start, clients, recorder, description, runFolder, timeBase).install(core);
  }
}
