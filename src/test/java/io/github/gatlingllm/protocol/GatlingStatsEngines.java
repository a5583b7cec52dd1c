package io.github.gatlingllm.protocol;

import io.gatling.core.actor.ActorRef;
import io.gatling.core.actor.ActorSystem;
import io.gatling.core.stats.DataWritersStatsEngine;
import io.gatling.core.stats.writer.DataWriterMessage;
import io.gatling.core.stats.writer.LogFileDataWriter;
import io.gatling.core.stats.writer.LogFileDataWriter$;
import io.gatling.core.stats.writer.RunMessage;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import scala.concurrent.Await;
import scala.concurrent.Promise;
import scala.concurrent.duration.Duration;

/**
 * Gatling's own stats engine with its own {@code simulation.log} writer, built the way Gatling 3.15.1's
 * {@code Runner.load} builds them: creating one creates {@code <results>/<runId>/simulation.log} and holds it open, as
 * in a real run, until {@link Run#close()}.
 */
public final class GatlingStatsEngines {
  private GatlingStatsEngines() {}

  /** A stats engine and its simulation.log writer. */
  public record Run(DataWritersStatsEngine engine, ActorRef<DataWriterMessage> logWriter) implements AutoCloseable {
    /** Writes and closes simulation.log, as at the end of Gatling's load. */
    @Override
    public void close() throws Exception {
      Promise<scala.runtime.BoxedUnit> stopped = Promise.apply();
      logWriter.$bang(new DataWriterMessage.Stop((Promise) stopped));
      Await.result(stopped.future(), Duration.create(20, TimeUnit.SECONDS));
    }
  }

  /** A run message like Gatling's for simulation id {@code simulationId} started at {@code startMillis} (UTC). */
  public static RunMessage message(String simulationId, long startMillis) {
    return new RunMessage("sim." + simulationId, simulationId, startMillis, "", "3.15.1", ZoneId.of("UTC"));
  }

  /** Creates the run folder and its simulation.log under {@code results}, like Gatling as a run starts. */
  public static Run start(ActorSystem system, RunMessage message, Path results) {
    LogFileDataWriter writer =
        LogFileDataWriter$.MODULE$.apply(
            message,
            scala.collection.immutable.List$.MODULE$.empty(),
            scala.collection.immutable.List$.MODULE$.empty(),
            results);
    ActorRef<DataWriterMessage> ref = system.actorOf(writer);
    DataWritersStatsEngine engine =
        new DataWritersStatsEngine(
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(ref)).toList(), system, System::currentTimeMillis);
    engine.start();
    return new Run(engine, ref);
  }
}
