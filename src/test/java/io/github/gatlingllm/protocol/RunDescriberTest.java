package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.gatlingllm.LlmDsl;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.metrics.RunDescription;
import org.junit.jupiter.api.Test;

class RunDescriberTest {
  private static final LlmProtocolBuilder BASE =
      LlmDsl.llm.baseUrl("http://127.0.0.1:1").model("m").apiKey(null).clientWarmUp(false);

  private static RunDescription describe(LlmProtocolBuilder... protocols) {
    RunDescriber describer = new RunDescriber();
    LlmProtocol first = (LlmProtocol) protocols[0].protocol();
    for (LlmProtocolBuilder protocol : protocols) {
      // each protocol's own population, injected without an LlmLoad
      describer.measuredPopulation(
          new LoadProtocol.Components(LoadDescription.NOT_DESCRIBED, null), (LlmProtocol) protocol.protocol());
    }
    describer.noteDialect("openai-chat");
    return describer.describe(first.report(), 7);
  }

  @Test
  void oneProtocolDescribesTheRun() {
    RunDescription run = describe(BASE.maxConcurrency(4).label("l"));
    assertEquals("m", run.modelId());
    assertEquals("m", run.tokenizerId());
    assertEquals(4, run.maxConcurrency());
    assertEquals("l", run.label());
    assertEquals("openai-chat", run.backend());
    assertEquals(7, run.numPrompts(), "the requests recorded when the load was not described");
  }

  @Test
  void protocolsThatAgreeMerge() {
    RunDescription run = describe(BASE.maxConcurrency(4), BASE.maxConcurrency(4).idleTimeout(java.time.Duration.ZERO));
    assertEquals("m", run.modelId());
    assertEquals(4, run.maxConcurrency());
  }

  @Test
  void protocolsThatDifferAreAllNamedOrNotCapped() {
    RunDescription run = describe(BASE.maxConcurrency(4), BASE.model("n").maxConcurrency(8));
    assertEquals("m,n", run.modelId());
    assertNull(run.maxConcurrency(), "no single cap applied to the run");
    assertNull(describe(BASE, BASE.maxConcurrency(2)).maxConcurrency());
  }
}
