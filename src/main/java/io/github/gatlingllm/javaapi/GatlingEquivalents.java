package io.github.gatlingllm.javaapi;

import io.gatling.javaapi.core.Assertion;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SLO clauses translated into Gatling assertions ({@link LlmAssertions#gatlingEquivalents}), with the clauses that
 * have no Gatling equivalent.
 *
 * @param assertions for {@code setUp(...).assertions(...)}
 * @param unmapped the clauses Gatling cannot judge: only the LLM summary checks them
 */
public record GatlingEquivalents(List<Assertion> assertions, List<SummaryCheck> unmapped) {
  public GatlingEquivalents {
    assertions = List.copyOf(assertions);
    unmapped = List.copyOf(unmapped);
  }

  /** One console line naming the clauses left out, or empty when every clause was mapped. */
  public Optional<String> warning() {
    if (unmapped.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "gatling-llm: no Gatling assertion for "
            + unmapped.stream().map(SummaryCheck::toString).collect(Collectors.joining(", "))
            + ": on Gatling Enterprise these SLO checks are only printed with the LLM summary and do not fail the run");
  }
}
