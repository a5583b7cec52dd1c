package io.github.gatlingllm.action;

import io.gatling.commons.stats.Status;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;
import io.gatling.core.session.GroupBlock;
import io.gatling.core.stats.StatsEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/** A stats engine that keeps what it is given, for tests to assert on. */
final class RecordingStatsEngine implements StatsEngine {

  record Response(
      String scenario,
      List<String> groups,
      String name,
      long startMillis,
      long endMillis,
      String status,
      String code,
      String message) {
    long durationMillis() {
      return endMillis - startMillis;
    }
  }

  /** A group's end: {@code path} is the group's hierarchy, outermost first, ending with the group's own name. */
  record GroupEnd(
      String scenario, List<String> path, long startMillis, long exitMillis, int cumulatedMillis, String status) {
    String name() {
      return path.get(path.size() - 1);
    }

    long durationMillis() {
      return exitMillis - startMillis;
    }
  }

  record Crash(String name, String error) {}

  final List<Response> responses = new CopyOnWriteArrayList<>();
  final List<GroupEnd> groupEnds = new CopyOnWriteArrayList<>();
  final List<Crash> crashes = new CopyOnWriteArrayList<>();

  List<Response> named(String name) {
    return responses.stream().filter(r -> r.name().equals(name)).toList();
  }

  /** The group ends whose own name (the last part of the path) is {@code name}, e.g. "chat TTFT". */
  List<GroupEnd> groupsNamed(String name) {
    return groupEnds.stream().filter(g -> g.name().equals(name)).toList();
  }

  @Override
  public void logResponse(
      String scenario,
      scala.collection.immutable.List<String> groups,
      String requestName,
      long startTimestamp,
      long endTimestamp,
      Status status,
      Option<String> responseCode,
      Option<String> message) {
    responses.add(
        new Response(
            scenario,
            List.copyOf(CollectionConverters.asJava(groups)),
            requestName,
            startTimestamp,
            endTimestamp,
            status.name(),
            responseCode.isDefined() ? responseCode.get() : null,
            message.isDefined() ? message.get() : null));
  }

  @Override
  public void logRequestCrash(
      String scenario, scala.collection.immutable.List<String> groups, String requestName, String error) {
    crashes.add(new Crash(requestName, error));
  }

  @Override
  public void start() {}

  @Override
  public void stop(ActorRef<Controller.Command> controller, Option<Exception> exception) {}

  @Override
  public void logUserStart(String scenario) {}

  @Override
  public void logUserEnd(String scenario) {}

  @Override
  public void logGroupEnd(String scenario, GroupBlock groupBlock, long exitTimestamp) {
    groupEnds.add(
        new GroupEnd(
            scenario,
            List.copyOf(CollectionConverters.asJava(groupBlock.groups())),
            groupBlock.startTimestamp(),
            exitTimestamp,
            groupBlock.cumulatedResponseTime(),
            groupBlock.status().name()));
  }
}
