package io.github.gatlingllm.protocol;

import io.gatling.core.actor.Actor;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.stats.DataWritersStatsEngine;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.stats.writer.RunMessage;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The id Gatling gave this run, which is also the name of its run folder: {@code <simulation id>-<run start as
 * yyyyMMddHHmmssSSS in gatling.data.zoneId>}, e.g. {@code servingbenchmark-20250101120000123}.
 *
 * <p>Why reflection: in Gatling 3.15.1 the id is {@code RunMessage.runId}, built by {@code Runner.load} just before the
 * stats engine, and handed only to the stats engine's data writers ({@code LogFileDataWriter}, which creates
 * {@code <results>/<runId>/simulation.log} right then, and {@code ConsoleDataWriter}). {@link
 * io.gatling.core.CoreComponents} has no run id, no results folder, and nothing else public leads to it; the
 * {@code simulation.log} header names the run but Gatling buffers it (8 KiB) until the buffer fills or the run ends, so
 * a short run's log stays empty until too late. So the id is read from the stats engine this run's components were
 * given: {@link DataWritersStatsEngine} → its private {@code Seq} of data writer {@link ActorRef}s → the {@link Actor}
 * each one runs → that actor's {@link RunMessage} → {@link RunMessage#runId()} (public in bytecode).
 *
 * <p>Defensive: private fields are found by the type of their value, not by name, and every step may find nothing. A
 * stats engine of another shape (a test's, a future Gatling's) gives an empty result, never an exception; the caller
 * then falls back to other exact means, or says the folder is unknown.
 */
final class GatlingRunId {
  private GatlingRunId() {}

  /** The run id held by Gatling's data writers, or empty when this stats engine does not carry one. */
  static Optional<String> of(StatsEngine statsEngine) {
    try {
      if (!(statsEngine instanceof DataWritersStatsEngine)) {
        return Optional.empty();
      }
      for (Object value : fieldValues(statsEngine, v -> v instanceof scala.collection.Iterable)) {
        for (Object writer : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Iterable<?>) value)) {
          Optional<String> id = runIdOfWriter(writer);
          if (id.isPresent()) {
            return id;
          }
        }
      }
      return Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty(); // another Gatling: the caller says the folder could not be identified
    }
  }

  private static Optional<String> runIdOfWriter(Object writer) {
    if (!(writer instanceof ActorRef)) {
      return Optional.empty();
    }
    for (Object actor : fieldValues(writer, v -> v instanceof Actor)) {
      for (Object message : fieldValues(actor, v -> v instanceof RunMessage)) {
        String id = ((RunMessage) message).runId();
        if (id != null && !id.isBlank()) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  /** The values of the instance fields of {@code owner} (its class and superclasses) that {@code wanted} accepts. */
  private static List<Object> fieldValues(Object owner, Predicate<Object> wanted) {
    List<Object> values = new ArrayList<>();
    for (Class<?> c = owner.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        try {
          field.setAccessible(true);
          Object value = field.get(owner);
          if (value != null && wanted.test(value)) {
            values.add(value);
          }
        } catch (RuntimeException | IllegalAccessException e) {
          // a field we may not read (module rules): not the one we look for
        }
      }
    }
    return values;
  }
}
