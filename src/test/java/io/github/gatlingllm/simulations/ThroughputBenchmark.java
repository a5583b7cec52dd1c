package io.github.gatlingllm.simulations;

import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.suite.settings.ThroughputSettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.suite.reports.ThroughputReport;
import java.util.List;
import java.util.Map;

/**
 * Offline / maximum throughput, like vLLM's {@code bench throughput} against a server: {@code llm.numPrompts} prompts
 * from {@code llm.dataset} (the serving benchmark's datasets; by default {@code llm.randomInputLen} random tokens and
 * {@code llm.randomOutputLen} max tokens each; ShareGPT asks each conversation's recorded answer length unless
 * {@code llm.sharegptOutputLen} is set), all sent at once with no cap, with {@code ignore_eos}. After the LLM summary
 * it prints and saves {@code throughput.json}: requests (generations)/s, total and generated tokens/s, prompt
 * tokens/s, average prompt and generated tokens, summed over the requests' own token counts (prompts may differ).
 *
 * <pre>
 * mvn gatling:test -Dgatling.simulationClass=io.github.gatlingllm.simulations.ThroughputBenchmark
 * mvn gatling:test -Dgatling.simulationClass=io.github.gatlingllm.simulations.ThroughputBenchmark \
 *     -Dllm.dataset=sharegpt -Dllm.datasetPath=ShareGPT_V3_unfiltered_cleaned_split.json -Dllm.numPrompts=1000
 * </pre>
 */
public class ThroughputBenchmark extends Simulation {
  private final ThroughputSettings settings = ThroughputSettings.fromSystemProperties();
  private final ServerUnderTest server = ServerUnderTest.resolve(settings.common().target().baseUrl());

  {
    String model = server.model(settings.common().target().model(), System.getenv("OPENAI_API_KEY"), settings.common().target().tls());
    TextTokenizer tokenizer = settings.common().loadTokenizer();
    List<Map<String, Object>> prompts =
        SimulationParts.injectorPrompts(settings.dataset(), settings.common(), tokenizer, settings.numPrompts());
    setUp(
            LlmLoad.requests(prompts.size()) // this injector's share of llm.numPrompts in a fleet
                .atOnce()
                .inject(scenario("throughput").feed(listFeeder(prompts)).exec(SimulationParts.request(settings.common()))))
        .protocols(
            SimulationParts.protocol(settings.common(), server.baseUrl(), model, tokenizer)
                .runOutput(new ThroughputReport(settings.dataset().dataset())));
  }

  @Override
  public void after() {
    server.close();
  }
}
