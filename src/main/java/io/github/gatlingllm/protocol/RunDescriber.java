package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.metrics.RunDescription;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the summary says the run was ({@link RunDescription}: backend, model, load, cap, start date), gathered as the
 * run goes: the wire format from the actions, the load, model and cap from the measured populations and their
 * protocols, the rest from the run-level settings at the end. The one place that owns the run's description.
 *
 * <p>The model and the cap are per-request settings, so scenarios may differ in them; the description, which has one
 * value each, merges them: one model or cap when all protocols agree; else every model, comma-separated, and no
 * {@code max_concurrency} (each scenario's cap still applied to its own requests).
 */
final class RunDescriber {
  private final long startEpochMillis = System.currentTimeMillis();
  private volatile String dialectName = "openai";
  /** In the order the protocols came; a run has a handful of protocols at most. */
  private final Set<String> models = new LinkedHashSet<>();
  private final Set<Integer> caps = new LinkedHashSet<>();
  private final RunLoads loads = new RunLoads();


  /** Notes the wire format in use, reported as {@code backend} / {@code endpoint_type}. */
  void noteDialect(String name) {
    this.dialectName = name;
  }

  /** The description of the run, once it is over; {@code requests} recorded stand for numPrompts when the load fixed none. */
  synchronized RunDescription describe(ReportSettings report, long requests) {
    String model = model();
    return new RunDescription(
        dialectName,
        dialectName,
        report.label(),
        model,
        report.tokenizerId() != null ? report.tokenizerId() : model,
        loads.combined(),
        requests,
        maxConcurrency(),
        startEpochMillis);
  }

  /**
   * Notes a population that sends measured requests, with its load's description: what the summary reports comes from
   * the load that was injected. Once per population, however many LLM actions it holds.
   */
  synchronized void measuredPopulation(LoadProtocol.Components population, LlmProtocol protocol) {
    loads.measured(population);
    // Only measured requests' protocols: a warm-up's model or missing cap says nothing about the measured load.
    models.add(protocol.model());
    caps.add(protocol.requests().maxConcurrency());
  }

  /** The measured populations' loads, combined (not described when none came through an {@code LlmLoad}). */
  LoadDescription load() {
    return loads.combined();
  }

  private String model() {
    if (models.size() == 1) {
      return models.iterator().next(); // may be null: the requests named their own models
    }
    String all = models.stream().filter(Objects::nonNull).collect(Collectors.joining(","));
    return all.isEmpty() ? null : all;
  }

  private Integer maxConcurrency() {
    if (caps.size() != 1) {
      return null;
    }
    int cap = caps.iterator().next();
    return cap > 0 ? cap : null;
  }
}
