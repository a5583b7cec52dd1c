package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gatlingllm.javaapi.ConcurrencySteps;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.protocol.Injector;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code llm.injectorIndex}, {@code llm.injectorCount}, {@code llm.runId}, and the shares the loads take. */
class FleetSettingsTest {

  private static ServingSettings serving(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return ServingSettings.from(LlmProperties.of(p, ServingSettings.PROPERTIES));
  }

  private static ServingSettings injector(int index, String... more) {
    String[] pairs = new String[more.length + 6];
    System.arraycopy(
        new String[] {"llm.injectorIndex", "" + index, "llm.injectorCount", "3", "llm.runId", "bench-42"}, 0, pairs, 0,
        6);
    System.arraycopy(more, 0, pairs, 6, more.length);
    return serving(pairs);
  }

  @Test
  void aloneByDefaultWithAFreshRunId() {
    Injector alone = serving().common().injector();
    assertEquals(0, alone.index());
    assertEquals(1, alone.count());
    assertNotEquals(alone.runId(), serving().common().injector().runId(), "a fresh id per run");
    assertEquals("mine", serving("llm.runId", "mine").common().injector().runId());
  }

  @Test
  void badValuesAreNamed() {
    IllegalArgumentException out =
        assertThrows(IllegalArgumentException.class, () -> injector(3));
    assertEquals(
        "Invalid value '3' for llm.injectorIndex: expected an integer in [0, 3) with llm.injectorCount=3 (injectors are"
            + " numbered from 0)",
        out.getMessage());
    assertEquals(
        "Invalid value '0' for llm.injectorCount: expected an integer >= 1",
        assertThrows(IllegalArgumentException.class, () -> serving("llm.injectorCount", "0")).getMessage());
    assertEquals(
        "Invalid value '-1' for llm.injectorIndex: expected an integer >= 0",
        assertThrows(IllegalArgumentException.class, () -> serving("llm.injectorIndex", "-1")).getMessage());
    IllegalArgumentException noRunId =
        assertThrows(IllegalArgumentException.class, () -> serving("llm.injectorCount", "2"));
    assertEquals(
        "llm.injectorCount=2 needs llm.runId: the same id on every injector of the fleet, so that Recompute can check"
            + " that the files it merges belong to one run",
        noRunId.getMessage());
    assertThrows(IllegalArgumentException.class, () -> serving("llm.runId", "a b"));
  }

  @Test
  void theOpenLoadSplitsItsRateAndRequestsAndSeedsEachInjectorApart() {
    for (int i = 0; i < 3; i++) {
      LoadDescription d = injector(i, "llm.requestRate", "30", "llm.numPrompts", "100").load().description();
      assertEquals(i == 0 ? 34 : 33, d.numPrompts());
      assertEquals(10.0, d.requestRate());
      assertEquals(true, d.text().endsWith("(seed " + i + ")"), d.text());
    }
    LoadDescription ramp =
        injector(1, "llm.rampUpStrategy", "linear", "llm.rampUpStartRps", "3",
                "llm.rampUpEndRps", "30")
            .load()
            .description();
    assertEquals(1.0, ramp.rampUp().startRps());
    assertEquals(10.0, ramp.rampUp().endRps());
  }

  @Test
  void closedLevelsSplitTheirUsersAndRequests() {
    Injector first = new Injector("r", 0, 3);
    Injector last = new Injector("r", 2, 3);
    ConcurrencySteps steps = LlmLoad.concurrencySteps(1, 4, 8).requestsPerLevel(c -> 10 * c);
    assertEquals(
        List.of(
            new ConcurrencySteps.Step(1, "concurrency 1", 10, 1),
            new ConcurrencySteps.Step(2, "concurrency 4", 14, 4),
            new ConcurrencySteps.Step(3, "concurrency 8", 27, 8)),
        steps.injector(first).steps());
    assertEquals(
        List.of(new ConcurrencySteps.Step(1, "concurrency 4", 13, 4), new ConcurrencySteps.Step(2, "concurrency 8", 26, 8)),
        steps.injector(last).steps(),
        "level 1 has no user for the third injector: skipped");
    int total = 0;
    for (int i = 0; i < 3; i++) {
      total += steps.injector(new Injector("r", i, 3)).steps().stream().mapToInt(ConcurrencySteps.Step::requests).sum();
    }
    assertEquals(10 + 40 + 80, total, "the injectors' steps add up to the levels");
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> LlmLoad.concurrencySteps(1, 2).injector(new Injector("r", 2, 3)).steps());
    assertEquals(
        "injector 2 of 3 has no users at any level [1, 2]: each level needs at least as many users as injectors to"
            + " reach them all",
        none.getMessage());
  }

  @Test
  void startAtTakesAnInstantOrEpochMillis() throws Exception {
    assertEquals(
        java.time.Instant.parse("2026-01-31T12:00:00Z"),
        serving("llm.startAt", "2026-01-31T12:00:00Z").common().startAt().get());
    assertEquals(
        java.time.Instant.ofEpochMilli(1_700_000_000_123L),
        serving("llm.startAt", "1700000000123").common().startAt().get());
    assertEquals(
        "Invalid value 'noon' for llm.startAt: expected an instant such as 2026-01-31T12:00:00Z, or milliseconds since"
            + " 1970",
        assertThrows(IllegalArgumentException.class, () -> serving("llm.startAt", "noon")).getMessage());
  }

  @Test
  void workloadsThatDoNotSplitRefuseAFleet() {
    Properties p = new Properties();
    p.setProperty("llm.injectorCount", "2");
    p.setProperty("llm.runId", "r");
    p.setProperty("llm.slo", "p99_ttft_ms<500");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CapacitySettings.from(LlmProperties.of(p, CapacitySettings.PROPERTIES)));
    assertEquals(
        "llm.injectorCount=2: the capacity search does not split its load across injectors; run it from one JVM",
        e.getMessage());
  }
}
