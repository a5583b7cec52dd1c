package io.github.gatlingllm.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.suite.settings.CommonSettings;
import io.github.gatlingllm.suite.settings.ServerUnderTest;
import io.github.gatlingllm.suite.settings.ServingSettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.javaapi.Arrivals;
import io.github.gatlingllm.javaapi.LlmInjection;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import java.util.List;
import java.util.Map;

/**
 * The serving benchmark, like vLLM's {@code bench serve}: {@code llm.numPrompts} streaming requests sent open-loop at
 * {@code llm.requestRate} (all at once by default, else gamma/Poisson arrivals), optionally capped at
 * {@code llm.maxConcurrency} in flight, each with a prompt from {@code llm.dataset} (by default random tokens:
 * {@code llm.randomInputLen} tokens by {@code llm.tokenizer}, {@code llm.randomOutputLen} max tokens). Without
 * {@code llm.baseUrl} it runs against the embedded mock server. The README lists every property.
 *
 * <pre>
 * mvn gatling:test
 * mvn gatling:test -Dllm.baseUrl=http://127.0.0.1:8000 -Dllm.model=M -Dllm.numPrompts=200 -Dllm.requestRate=10
 * </pre>
 */
public class ServingBenchmark extends Simulation {
  private final ServingSettings settings = ServingSettings.fromSystemProperties();
  private final ServerUnderTest server = ServerUnderTest.resolve(settings.common().baseUrl());

  {
    CommonSettings common = settings.common();
    String model = server.model(common.model(), System.getenv("OPENAI_API_KEY"));
    TextTokenizer tokenizer = common.loadTokenizer();
    List<Map<String, Object>> prompts =
        SimulationParts.prompts(settings.dataset(), common, tokenizer, settings.numPrompts());

    LlmProtocolBuilder protocol =
        SimulationParts.protocol(common, server.baseUrl(), model, tokenizer)
            .maxConcurrency(settings.maxConcurrency())
            .percentileMetrics(settings.percentileMetrics().toArray(new String[0]))
            .itlStats(settings.itlStats())
            .saveDetailed(settings.saveDetailed())
            .describeLoad(settings.numPrompts(), settings.requestRate(), settings.burstiness());
    if (settings.rampUp().isPresent()) {
      protocol = protocol.describeLoad(settings.numPrompts(), settings.burstiness(), settings.rampUp().get());
    }
    if (settings.goodput().isPresent()) {
      protocol = protocol.goodput(settings.goodput().get());
    }
    if (settings.assertions().isPresent()) {
      protocol = protocol.assertions(settings.assertions().get());
    }

    Arrivals arrivals =
        LlmInjection.arrivals(
            settings.numPrompts(), settings.requestRate(), settings.burstiness(), common.seed(), settings.rampUp());
    ScenarioBuilder measured =
        scenario("serving benchmark")
            .exec(arrivals.pace()) // each user waits for its own arrival time (any length of schedule)
            .feed(listFeeder(prompts))
            .exec(SimulationParts.request(common)); // named chat, completion or the backend
    PopulationBuilder load = measured.injectOpen(arrivals.injection());

    if (settings.numWarmups() > 0) {
      ScenarioBuilder warmUp =
          scenario("warm-up")
              .feed(listFeeder(prompts).circular())
              .exec(SimulationParts.request(common, "warm-up").warmUp());
      load = warmUp.injectOpen(atOnceUsers(settings.numWarmups())).andThen(load);
    }
    setUp(load).protocols(protocol);
  }

  @Override
  public void after() {
    server.close();
  }
}
