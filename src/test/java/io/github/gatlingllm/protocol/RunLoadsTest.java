package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.gatlingllm.metrics.LoadDescription;
import org.junit.jupiter.api.Test;

class RunLoadsTest {
  @Test
  void oneDescriptionSharedByManyPopulationsIsReportedOnce() {
    // The steps of a capacity search: one population each, one description for the whole search.
    LoadDescription search = LoadDescription.uncounted("capacity search");
    RunLoads loads = new RunLoads();
    for (int step = 0; step < 12; step++) {
      loads.measured(new LoadProtocol.Components(search, null));
    }
    assertSame(search, loads.combined());
  }

  @Test
  void equalButDistinctDescriptionsAreTwoLoads() {
    // One LlmLoad injected into two scenarios sends its load twice: each injection makes its own description.
    RunLoads loads = new RunLoads();
    loads.measured(new LoadProtocol.Components(LoadDescription.atRate(10, 2.0, 1.0, "10 at 2/s"), null));
    loads.measured(new LoadProtocol.Components(LoadDescription.atRate(10, 2.0, 1.0, "10 at 2/s"), null));
    LoadDescription combined = loads.combined();
    assertEquals(20, combined.numPrompts());
    assertNull(combined.requestRate(), "two finite rates do not add up to one rate");
  }
}
