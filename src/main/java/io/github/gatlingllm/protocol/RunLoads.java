package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.LoadDescription;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load descriptions of a run's measured populations, one per population however many LLM actions its scenario
 * holds, combined for the summary by {@link LoadDescription#combine}. Populations whose requests are all warm-ups are
 * never noted.
 */
final class RunLoads {
  /** By population (its components instance), in the order their scenarios were built. */
  private final Map<LoadProtocol.Components, LoadDescription> byPopulation = new IdentityHashMap<>();
  private final List<LoadDescription> inOrder = new ArrayList<>();

  synchronized void measured(LoadProtocol.Components population) {
    LoadDescription description = population.description();
    // One description shared by several populations (the steps of a capacity search) is one load, reported once.
    if (byPopulation.putIfAbsent(population, description) == null
        && inOrder.stream().noneMatch(known -> known == description)) {
      inOrder.add(description);
    }
  }

  synchronized LoadDescription combined() {
    return LoadDescription.combine(List.copyOf(inOrder));
  }
}
