package io.github.gatlingllm.simulations;

import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.suite.settings.LlmOnRaySettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.suite.reports.LlmOnRayReport;
import java.util.List;
import java.util.Map;

/**
 * LLM-on-Ray's {@code benchmark_serving.py}: {@code llm.numPrompts} streaming chat requests, all at once or at
 * {@code llm.requestRate} (Poisson: the first at 0, then an exponential gap after each, as LLM-on-Ray draws them),
 * IPEX prompts of {@code llm.inputTokens} tokens (or {@code llm.dataset=sharegpt}), {@code llm.maxNewTokens} max
 * tokens. After the LLM summary it prints
 * LLM-on-Ray's statistics with its labels and saves them as {@code llm-on-ray.json}. With
 * {@code llm.backend=llm-on-ray-simple} it speaks LLM-on-Ray's simple mode ({@code POST /<model>}, raw text body)
 * instead of the OpenAI API.
 *
 * <pre>
 * mvn gatling:test -Dgatling.simulationClass=io.github.gatlingllm.simulations.LlmOnRayBenchmark
 * </pre>
 */
public class LlmOnRayBenchmark extends Simulation {
  private final LlmOnRaySettings settings = LlmOnRaySettings.fromSystemProperties();
  private final ServerUnderTest server = ServerUnderTest.resolve(settings.common().target().baseUrl());

  {
    String model = server.model(settings.common().target().model(), System.getenv("OPENAI_API_KEY"), settings.common().target().tls());
    TextTokenizer tokenizer = settings.common().loadTokenizer();
    List<Map<String, Object>> prompts =
        SimulationParts.prompts(settings.dataset(), settings.common(), tokenizer, settings.numPrompts());
    setUp(
            settings
                .load()
                .inject(
                    scenario("llm-on-ray")
                        .feed(listFeeder(prompts))
                        .exec(SimulationParts.request(settings.common()))))
        .protocols(
            SimulationParts.protocol(settings.common(), server.baseUrl(), model, tokenizer)
                .runOutput(new LlmOnRayReport()));
  }

  @Override
  public void after() {
    server.close();
  }
}
