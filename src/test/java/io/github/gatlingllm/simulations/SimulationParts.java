package io.github.gatlingllm.simulations;

import static io.github.gatlingllm.LlmDsl.llm;

import io.gatling.javaapi.core.Assertion;
import io.github.gatlingllm.LlmDsl;
import io.github.gatlingllm.javaapi.GatlingEquivalents;
import io.github.gatlingllm.javaapi.LlmAssertions;
import io.github.gatlingllm.protocol.GatlingEnterprise;
import io.github.gatlingllm.suite.settings.CommonSettings;
import io.github.gatlingllm.suite.settings.DatasetSettings;
import io.github.gatlingllm.suite.settings.VisionSettings;
import io.github.gatlingllm.dataset.NoiseImages;
import io.github.gatlingllm.dataset.RandomDataset;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.javaapi.LlmDatasets;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.javaapi.ChatRequestBuilder;
import io.github.gatlingllm.javaapi.DialectRequestBuilder;
import io.github.gatlingllm.javaapi.IgnoreEosRequestBuilder;
import io.github.gatlingllm.javaapi.VisionRecords;
import io.github.gatlingllm.protocol.Injector;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ready simulations other than the serving benchmark share: the protocol from the common knobs, the request,
 * and the prompts as feeder records. Not a simulation itself (Gatling Enterprise lists every concrete one).
 */
final class SimulationParts {
  private SimulationParts() {}

  /**
   * The protocol with the common knobs applied, reporting {@code tokenizer} as the run's tokenizer; the simulation adds
   * its load description and outputs. The tokenizer also counts the output tokens of requests whose stream carries no
   * usage (LLM-on-Ray's raw text, servers that ignore {@code include_usage}) from their generated text, off the event
   * loops, as vLLM and LLM-on-Ray do: one token per chunk would be wrong for servers that batch tokens into chunks.
   */
  static LlmProtocolBuilder protocol(CommonSettings settings, String baseUrl, String model, TextTokenizer tokenizer) {
    return protocol(settings, baseUrl, model).tokenizerId(tokenizer.id()).countOutputTokens(tokenizer);
  }

  private static LlmProtocolBuilder protocol(CommonSettings settings, String baseUrl, String model) {
    LlmProtocolBuilder protocol =
        llm.baseUrl(baseUrl)
            .model(model)
            .firstTokenTimeout(settings.timeouts().firstToken())
            .idleTimeout(settings.timeouts().idle())
            .totalTimeout(settings.timeouts().total())
            .maxResponseBytes(settings.limits().maxBodyBytes())
            .retryUnansweredPosts(settings.limits().retryUnanswered())
            .preconnect(settings.preconnect())
            .metricPercentiles(settings.outputs().percentiles())
            .logRequests(settings.outputs().logRequests())
            .serverMetrics(settings.outputs().serverMetrics())
            .healthLagThreshold(settings.outputs().healthLagThreshold())
            .tls(settings.target().tls())
            .injector(settings.injector());
    protocol = settings.startAt().map(protocol::startAt).orElse(protocol);
    return settings.outputs().label().isPresent() ? protocol.label(settings.outputs().label().get()) : protocol;
  }

  /**
   * Feeder records of {@code count} prompts from the chosen dataset, read and tokenized now (before the load, never on
   * an event loop) by the tokenizer that counts them as the server will; chat backends get sonnet prompts unformatted.
   */
  static List<Map<String, Object>> prompts(
      DatasetSettings dataset, CommonSettings settings, TextTokenizer tokenizer, int count) {
    return LlmDatasets.records(dataset.load(tokenizer, count, settings.seed(), settings.chat()));
  }

  /**
   * This injector's prompts among the run's {@code count} ({@link #prompts}): in a fleet every injector loads the same
   * {@code count} prompts (same seed) and takes prompts index, index + N, ... ({@link Injector#stride}), so the
   * injectors send disjoint prompts, together exactly those one generator would have sent, whatever the dataset
   * (seeding each injector's dataset apart would let ShareGPT samples overlap). Alone, all of them.
   */
  static List<Map<String, Object>> injectorPrompts(
      DatasetSettings dataset, CommonSettings settings, TextTokenizer tokenizer, int count) {
    return settings.injector().stride(prompts(dataset, settings, tokenizer, count));
  }

  /**
   * Feeder records {@code {"prompt", "promptTokens", "maxTokens"}}: {@code count} prompts of exactly {@code tokens}
   * random tokens by {@code tokenizer} (vLLM's random dataset, range ratio 0).
   */
  static List<Map<String, Object>> randomPrompts(
      TextTokenizer tokenizer, int count, int tokens, int maxTokens, long seed) {
    return LlmDatasets.records(
        RandomDataset.sample(tokenizer, count, new RandomDataset.Settings(tokens, maxTokens, 0, 0, seed)));
  }

  /**
   * The text records with chat {@code messages} holding their prompt and {@code vision.imagesPerRequest()} noise
   * images, from a pool of at most {@link NoiseImages#MAX_POOL} made now (before the load), seeded with {@code seed}.
   */
  static List<Map<String, Object>> withImages(List<Map<String, Object>> records, VisionSettings vision, long seed) {
    List<String> pool =
        NoiseImages.pool(
            records.size() * vision.imagesPerRequest(), vision.width(), vision.height(), vision.format(), seed);
    return VisionRecords.withImages(records, pool, vision.imagesPerRequest(), vision.imageTokens());
  }

  /**
   * On Gatling Enterprise, the {@code llm.assert} clauses Gatling can judge, as Gatling assertions on the requests
   * named {@code requestName} (Enterprise's verdict on a run), after one console line naming those it cannot; elsewhere
   * none: the LLM summary's own checks, on exact values, set the exit status, and judging the same clauses again on
   * Gatling's whole milliseconds could disagree near a threshold.
   */
  static List<Assertion> enterpriseAssertions(Optional<String> clauses, String requestName) {
    if (clauses.isEmpty() || !GatlingEnterprise.detected()) {
      return List.of();
    }
    GatlingEquivalents equivalents = LlmAssertions.gatlingEquivalents(clauses.get(), List.of(requestName));
    equivalents.warning().ifPresent(System.out::println);
    return equivalents.assertions();
  }

  /** The streaming request, reading {@code prompt} and {@code maxTokens} from the session. */
  static DialectRequestBuilder request(CommonSettings settings) {
    return request(settings, settings.requestName());
  }

  /**
   * The same, named {@code name} in the stats, in the wire format {@code llm.backend} selects, to {@code llm.path}
   * when set.
   */
  static DialectRequestBuilder request(CommonSettings settings, String name) {
    return sized(settings, LlmDsl.request(name, settings.dialect()).prompt("#{prompt}"));
  }

  /**
   * A chat request sending the messages of session attribute {@code messagesAttribute} (images included), for the
   * workloads that need chat ({@code llm.backend=openai-chat}, checked by their settings), otherwise as
   * {@link #request(CommonSettings)}.
   */
  static ChatRequestBuilder chatRequest(CommonSettings settings, String messagesAttribute) {
    return sized(settings, LlmDsl.chat(settings.requestName()).messages("#{" + messagesAttribute + "}"));
  }

  /** The settings every ready simulation's request shares: token counts from the session, ignore_eos, llm.path. */
  private static <B extends IgnoreEosRequestBuilder<B>> B sized(CommonSettings settings, B request) {
    B sized = request.promptTokens("#{promptTokens}").maxTokens("#{maxTokens}").ignoreEos(settings.ignoreEos());
    return settings.target().path().map(sized::path).orElse(sized);
  }
}
