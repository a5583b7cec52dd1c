package io.github.gatlingllm.simulations;

import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.capacity.SearchDimension;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.mock.MockCapacity;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.report.SummaryCheck;
import io.github.gatlingllm.suite.settings.CapacitySettings;
import io.github.gatlingllm.suite.settings.CommonSettings;
import io.github.gatlingllm.suite.settings.DatasetSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "How much load can this server take within our SLOs?" in one command: steps of the serving benchmark's requests
 * (its dataset, gamma/Poisson arrivals at a rate, or closed-model users with {@code llm.searchDimension=concurrency}),
 * each judged on {@code llm.slo}, bracketing then narrowing the capacity to {@code llm.searchPrecision}; or a sweep
 * with {@code llm.sweep}. Writes {@code capacity.json}, a console table and the charts of the HTML block, and adds
 * {@code capacity_rps} (or {@code capacity_concurrency}) to {@code llm-summary.json}, so {@code llm.assert} can gate on
 * it. The README's "Find the capacity of your server" has every knob.
 *
 * <p>Against the embedded mock (no {@code llm.baseUrl}), the mock is an engine of 8 batch slots whose capacity is known
 * in closed form ({@link MockCapacity}), with nearly regular arrivals (burstiness 10000) which that form assumes, and
 * short steps: a demo that prints the analytical capacity next to the one found.
 *
 * <pre>
 * mvn gatling:test -Dgatling.simulationClass=io.github.gatlingllm.simulations.CapacitySearch
 * mvn gatling:test -Dgatling.simulationClass=io.github.gatlingllm.simulations.CapacitySearch \
 *     -Dllm.baseUrl=http://127.0.0.1:8000 -Dllm.slo="p99_ttft_ms<500;p99_tpot_ms<50;failed_ratio<0.01"
 * </pre>
 */
public class CapacitySearch extends Simulation {
  /** The embedded mock as an engine: 8 slots, prefill 20 ms, ITL 5 ms + 0.5 ms per running stream. */
  static final Map<String, String> MOCK_ENGINE =
      Map.of("mock.batchSlots", "8", "mock.ttftMs", "20", "mock.itlMs", "5", "mock.itlPerActiveStreamMs", "0.5");
  /** The demo's own defaults against the mock: short steps, a start near the answer, SLOs the engine can break. */
  static final Map<String, String> MOCK_DEMO =
      Map.of(
          CapacitySettings.SLO, "p99_ttft_ms<100;p99_tpot_ms<10;failed_ratio<0.01",
          CapacitySettings.SEARCH_START, "10",
          CapacitySettings.STEP_DURATION, "4s",
          CapacitySettings.SEARCH_MAX_IN_FLIGHT, "64",
          "llm.burstiness", "10000",
          "llm.randomInputLen", "16",
          "llm.randomOutputLen", "20",
          "llm.numPrompts", "200");

  private final ServerUnderTest server =
      ServerUnderTest.resolve(Optional.ofNullable(System.getProperty(CommonSettings.BASE_URL)), MOCK_ENGINE);
  private final CapacitySettings settings =
      CapacitySettings.fromSystemProperties(server.embedded() ? MOCK_DEMO : Map.of());

  {
    CommonSettings common = settings.serving().common();
    String model = server.model(common.target().model(), System.getenv("OPENAI_API_KEY"), common.target().tls());
    TextTokenizer tokenizer = common.loadTokenizer();
    List<Map<String, Object>> prompts =
        SimulationParts.prompts(settings.serving().dataset(), common, tokenizer, settings.serving().numPrompts());
    System.out.println(settings.describe());
    server.mockConfig().flatMap(this::analyticalCapacity).ifPresent(System.out::println);
    setUp(settings.steps().records(prompts).exec(SimulationParts.request(common)).build())
        .protocols(settings.serving().applyTo(SimulationParts.protocol(common, server.baseUrl(), model, tokenizer)));
  }

  /**
   * The capacity the mock's closed form gives for this search's SLOs and steps (rate searches whose latency clauses
   * are one percentile's TTFT and TPOT), to compare with the one found.
   */
  private Optional<String> analyticalCapacity(MockConfig mock) {
    DatasetSettings dataset = settings.serving().dataset();
    if (settings.sweep().isPresent() || settings.dimension() != SearchDimension.RATE
        || settings.stepRequests().isPresent() || !dataset.dataset().equals("random")
        || dataset.random().rangeRatio() != 0 || !settings.serving().common().ignoreEos()) {
      return Optional.empty(); // the closed form needs a fixed output length, open arrivals and steps of a duration
    }
    Optional<MockCapacity.Slo> slo = mockSlo(settings.slo());
    if (slo.isEmpty()) {
      return Optional.empty();
    }
    int outputTokens = dataset.random().outputLen();
    MockCapacity engine = MockCapacity.of(mock, 0, outputTokens);
    double seconds = settings.stepDuration().toNanos() / 1e9;
    MockCapacity.Step step = new MockCapacity.Step(seconds, seconds * settings.warmUpShare());
    return Optional.of(
        String.format(
            Locale.ROOT,
            "Embedded mock: %d slots, service time %.1f ms at a full batch, saturation %.2f req/s; analytical capacity"
                + " for these SLOs and %.1f s steps: %.2f req/s (regular arrivals, %d output tokens)",
            mock.served().batchSlots(), engine.serviceMs(mock.served().batchSlots()), engine.saturationRate(),
            seconds, engine.rateCapacity(slo.get(), step), outputTokens));
  }

  /** The clauses as the closed form takes them: {@code p<q>_ttft_ms<X} and {@code p<q>_tpot_ms<T} of one percentile. */
  static Optional<MockCapacity.Slo> mockSlo(List<SummaryCheck> clauses) {
    double percentile = Double.NaN;
    double ttft = Double.NaN;
    double tpot = Double.NaN;
    for (SummaryCheck c : clauses) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("p([0-9.]+)_(ttft|tpot)_ms").matcher(c.key());
      if (!m.matches()) {
        continue;
      }
      double p = Double.parseDouble(m.group(1));
      if (!Double.isNaN(percentile) && p != percentile) {
        return Optional.empty();
      }
      percentile = p;
      if (m.group(2).equals("ttft")) {
        ttft = c.threshold();
      } else {
        tpot = c.threshold();
      }
    }
    return Double.isNaN(percentile) ? Optional.empty() : Optional.of(new MockCapacity.Slo(percentile, ttft, tpot));
  }

  @Override
  public void after() {
    server.close();
  }
}
