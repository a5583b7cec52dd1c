package io.github.gatlingllm.simulations;

import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.suite.settings.CommonSettings;
import io.github.gatlingllm.suite.settings.ServingSettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.TraceDataset;
import io.github.gatlingllm.dataset.TraceSchedule;
import io.github.gatlingllm.javaapi.LlmDatasets;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import java.util.List;
import java.util.Map;

/**
 * The serving benchmark, like vLLM's {@code bench serve}: {@code llm.numPrompts} streaming requests sent open-loop at
 * {@code llm.requestRate} (all at once by default, else gamma/Poisson arrivals), optionally capped at
 * {@code llm.maxConcurrency} in flight, each with a prompt from {@code llm.dataset} (by default random tokens:
 * {@code llm.randomInputLen} tokens by {@code llm.tokenizer}, {@code llm.randomOutputLen} max tokens). With
 * {@code llm.dataset=trace} the trace's own schedule replaces the rate: each request at its recorded offset, divided
 * by {@code llm.traceSpeedup}, with prompts sharing the blocks the trace shares. Without
 * {@code llm.baseUrl} it runs against the embedded mock server. The README lists every property.
 *
 * <pre>
 * mvn gatling:test
 * mvn gatling:test -Dllm.baseUrl=http://127.0.0.1:8000 -Dllm.model=M -Dllm.numPrompts=200 -Dllm.requestRate=10
 * </pre>
 */
public class ServingBenchmark extends Simulation {
  private final ServingSettings settings = ServingSettings.fromSystemProperties();
  private final ServerUnderTest server = ServerUnderTest.resolve(settings.common().target().baseUrl());

  {
    CommonSettings common = settings.common();
    String model = server.model(common.target().model(), System.getenv("OPENAI_API_KEY"), common.target().tls());
    TextTokenizer tokenizer = common.loadTokenizer();
    List<Map<String, Object>> prompts;
    LlmLoad measured;
    if (settings.dataset().isTrace()) {
      // A trace brings its own schedule: each request at its recorded offset (divided by llm.traceSpeedup).
      // In a fleet, each injector replays requests index, index + N, ... of the trace, at their own offsets.
      TraceDataset trace = settings.dataset().loadTrace(tokenizer, common.seed(), common.chat());
      prompts = common.injector().stride(LlmDatasets.records(trace.requests()));
      TraceSchedule schedule = trace.schedule();
      measured =
          LlmLoad.replay(schedule.name(), schedule.speedup(), common.injector().stride(schedule.offsetsSeconds()));
    } else {
      prompts = SimulationParts.injectorPrompts(settings.dataset(), common, tokenizer, settings.numPrompts());
      measured = settings.load(prompts.size()); // a dataset that fixes its own count (shared-prefix) sets the load
    }

    LlmProtocolBuilder protocol = settings.applyTo(SimulationParts.protocol(common, server.baseUrl(), model, tokenizer));

    // The load injects the requests and is what the summary reports (num_prompts, request_rate, burstiness, ramp).
    PopulationBuilder load =
        measured
            .inject(
                scenario("serving benchmark")
                    .feed(listFeeder(prompts))
                    .exec(SimulationParts.request(common))); // named chat, completion or the backend
    if (settings.numWarmups() > 0) {
      // Warm-up requests stay out of the summary, and so does their load.
      PopulationBuilder warmUp =
          settings
              .warmupLoad()
              .inject(
                  scenario("warm-up")
                      .feed(listFeeder(prompts).circular())
                      .exec(SimulationParts.request(common, "warm-up").warmUp()));
      load = warmUp.andThen(load);
    }
    setUp(load)
        .protocols(protocol)
        .assertions(SimulationParts.enterpriseAssertions(settings.assertions(), common.requestName()));
  }

  @Override
  public void after() {
    server.close();
  }
}
