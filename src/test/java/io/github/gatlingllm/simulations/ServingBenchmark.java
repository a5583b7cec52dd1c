package io.github.gatlingllm.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.github.gatlingllm.LlmDsl.chat;
import static io.github.gatlingllm.LlmDsl.completion;
import static io.github.gatlingllm.LlmDsl.llm;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.config.ServerUnderTest;
import io.github.gatlingllm.config.ServingSettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.javaapi.LlmDatasets;
import io.github.gatlingllm.javaapi.LlmInjection;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.javaapi.LlmRequestBuilder;
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
  private final ServerUnderTest server = ServerUnderTest.resolve(settings.baseUrl());

  {
    String model = server.model(settings.model(), System.getenv("OPENAI_API_KEY"));
    LlmProtocolBuilder protocol =
        llm.baseUrl(server.baseUrl())
            .model(model)
            .maxConcurrency(settings.maxConcurrency())
            .firstTokenTimeout(settings.firstTokenTimeout())
            .idleTimeout(settings.idleTimeout())
            .totalTimeout(settings.totalTimeout())
            .metricPercentiles(settings.percentiles())
            .percentileMetrics(settings.percentileMetrics().toArray(new String[0]))
            .itlStats(settings.itlStats())
            .logRequests(settings.logRequests())
            .saveDetailed(settings.saveDetailed())
            .describeLoad(settings.numPrompts(), settings.requestRate(), settings.burstiness());
    if (settings.goodput().isPresent()) {
      protocol = protocol.goodput(settings.goodput().get());
    }
    if (settings.assertions().isPresent()) {
      protocol = protocol.assertions(settings.assertions().get());
    }
    if (settings.label().isPresent()) {
      protocol = protocol.label(settings.label().get());
    }

    // Prompts are read and tokenized here, before the load; the tokenizer counts them as the server will.
    TextTokenizer tokenizer = settings.dataset().loadTokenizer();
    List<Map<String, Object>> prompts =
        LlmDatasets.records(
            settings.dataset().load(tokenizer, settings.numPrompts(), settings.seed(), settings.chat()));
    protocol = protocol.tokenizerId(tokenizer.id());

    ScenarioBuilder measured =
        scenario("serving benchmark").feed(listFeeder(prompts)).exec(request(settings.chat() ? "chat" : "completion"));
    PopulationBuilder load =
        measured.injectOpen(
            LlmInjection.requests(
                settings.numPrompts(),
                settings.requestRate(),
                settings.burstiness(),
                settings.seed(),
                settings.rampUp()));

    if (settings.numWarmups() > 0) {
      ScenarioBuilder warmUp =
          scenario("warm-up").feed(listFeeder(prompts).circular()).exec(request("warm-up").warmUp());
      load = warmUp.injectOpen(atOnceUsers(settings.numWarmups())).andThen(load);
    }
    setUp(load).protocols(protocol);
  }

  private LlmRequestBuilder request(String name) {
    LlmRequestBuilder request = settings.chat() ? chat(name) : completion(name);
    return request
        .prompt("#{prompt}")
        .promptTokens("#{promptTokens}")
        .maxTokens("#{maxTokens}")
        .ignoreEos(settings.ignoreEos());
  }

  @Override
  public void after() {
    server.close();
  }
}
