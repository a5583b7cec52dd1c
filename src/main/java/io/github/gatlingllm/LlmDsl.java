package io.github.gatlingllm;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.Session;
import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.javaapi.ChatRequestBuilder;
import io.github.gatlingllm.javaapi.ConcurrencySteps;
import io.github.gatlingllm.javaapi.CompletionRequestBuilder;
import io.github.gatlingllm.javaapi.DialectRequestBuilder;
import io.github.gatlingllm.javaapi.LlmAssertions;
import io.github.gatlingllm.javaapi.LlmChecks;
import io.github.gatlingllm.javaapi.LlmDatasets;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.javaapi.LlmOnRaySimpleRequestBuilder;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.javaapi.TgiRequestBuilder;
import io.github.gatlingllm.metrics.RampUp;
import java.util.List;
import java.util.function.Function;

/**
 * Entry points for simulations: {@code import static io.github.gatlingllm.LlmDsl.*;}
 *
 * <pre>{@code
 * LlmProtocolBuilder protocol = llm.baseUrl("http://127.0.0.1:8000").model("my-model");
 * ScenarioBuilder scn = scenario("chat")
 *     .exec(chat("chat").prompt("#{prompt}").maxTokens(256).check(answer().saveAs("answer"), outputTokens().gt(10)));
 * setUp(poisson(600).perSecond(10).inject(scn)).protocols(protocol);
 * }</pre>
 *
 * <p>Each first step gives the builder of its wire format, which offers what that format takes. Request names are
 * Gatling EL strings (or functions of the session), resolved per request; keep the set of distinct names small.
 */
public final class LlmDsl {

  /** The LLM protocol builder to start from. */
  public static final LlmProtocolBuilder llm = LlmProtocolBuilder.defaults();

  private LlmDsl() {}

  /**
   * A streaming request to {@code /v1/chat/completions}, with {@code messages(...)} or a {@code prompt(...)}.
   *
   * @param name its name in Gatling's stats: a name or an EL string, e.g. {@code "round #{round}"}
   */
  public static ChatRequestBuilder chat(String name) {
    return ChatRequestBuilder.of(name);
  }

  /**
   * A streaming request to {@code /v1/chat/completions}, its name from the session.
   *
   * @param name a function giving its name in Gatling's stats
   */
  public static ChatRequestBuilder chat(Function<Session, String> name) {
    return ChatRequestBuilder.of(name);
  }

  /**
   * A streaming request to {@code /v1/completions}, with a {@code prompt(...)}.
   *
   * @param name its name in Gatling's stats: a name or an EL string
   */
  public static CompletionRequestBuilder completion(String name) {
    return CompletionRequestBuilder.of(name);
  }

  /**
   * A streaming request to {@code /v1/completions}, its name from the session.
   *
   * @param name a function giving its name in Gatling's stats
   */
  public static CompletionRequestBuilder completion(Function<Session, String> name) {
    return CompletionRequestBuilder.of(name);
  }

  /**
   * A streaming request to text-generation-inference's native {@code /generate_stream}, with a {@code prompt(...)}
   * (see {@link TgiRequestBuilder}).
   *
   * @param name its name in Gatling's stats: a name or an EL string
   */
  public static TgiRequestBuilder tgi(String name) {
    return TgiRequestBuilder.of(name);
  }

  /**
   * A streaming request to text-generation-inference's native {@code /generate_stream}, its name from the session.
   *
   * @param name a function giving its name in Gatling's stats
   */
  public static TgiRequestBuilder tgi(Function<Session, String> name) {
    return TgiRequestBuilder.of(name);
  }

  /**
   * A streaming request to LLM-on-Ray's simple mode, {@code POST /<model>} with a raw text body, with a
   * {@code prompt(...)} (see {@link LlmOnRaySimpleRequestBuilder}).
   *
   * @param name its name in Gatling's stats: a name or an EL string
   */
  public static LlmOnRaySimpleRequestBuilder llmOnRaySimple(String name) {
    return LlmOnRaySimpleRequestBuilder.of(name);
  }

  /**
   * A streaming request to LLM-on-Ray's simple mode, its name from the session.
   *
   * @param name a function giving its name in Gatling's stats
   */
  public static LlmOnRaySimpleRequestBuilder llmOnRaySimple(Function<Session, String> name) {
    return LlmOnRaySimpleRequestBuilder.of(name);
  }

  /**
   * A streaming request in a wire format chosen at run time (e.g. {@code Dialects.named(backend)}) or your own
   * {@link Dialect}, with a {@code prompt(...)}: the text every format takes.
   *
   * @param name its name in Gatling's stats: a name or an EL string
   * @param dialect the wire format
   */
  public static DialectRequestBuilder request(String name, Dialect dialect) {
    return DialectRequestBuilder.of(name, dialect);
  }

  /**
   * A streaming request in a wire format chosen at run time, its name from the session.
   *
   * @param name a function giving its name in Gatling's stats
   * @param dialect the wire format
   */
  public static DialectRequestBuilder request(Function<Session, String> name, Dialect dialect) {
    return DialectRequestBuilder.of(name, dialect);
  }

  /**
   * Check on the generated visible text of a finished request, e.g. {@code answer().saveAs("answer")} or
   * {@code answer().is("Paris")}; the request then keeps a copy of every chunk's text (see {@link LlmChecks}).
   */
  public static CheckBuilder.Find<String> answer() {
    return LlmChecks.answer();
  }

  /**
   * Check on a finished request's output token count (usage, else one per chunk), e.g. {@code outputTokens().gt(10)}
   * (see {@link LlmChecks}).
   */
  public static CheckBuilder.Find<Integer> outputTokens() {
    return LlmChecks.outputTokens();
  }

  /**
   * Check on a finished request's prompt token count (usage, else the request's {@code promptTokens}), e.g.
   * {@code inputTokens().lte(4096)} (see {@link LlmChecks}).
   */
  public static CheckBuilder.Find<Integer> inputTokens() {
    return LlmChecks.inputTokens();
  }

  /** {@code requests} requests with Poisson arrivals, at a rate still to give: {@link LlmLoad#poisson(int)}. */
  public static LlmLoad.Rate poisson(int requests) {
    return LlmLoad.poisson(requests);
  }

  /** {@code requests} requests with gamma gaps of shape {@code burstiness}: {@link LlmLoad#gamma(int, double)}. */
  public static LlmLoad.Rate gamma(int requests, double burstiness) {
    return LlmLoad.gamma(requests, burstiness);
  }

  /** A rate growing in equal steps from {@code startRps} to {@code endRps}, for {@link LlmLoad.Rate#ramp}. */
  public static RampUp linearRamp(double startRps, double endRps) {
    return RampUp.linear(startRps, endRps);
  }

  /** A rate growing by an equal factor per request from {@code startRps} to {@code endRps}, for a ramp. */
  public static RampUp exponentialRamp(double startRps, double endRps) {
    return RampUp.exponential(startRps, endRps);
  }

  /**
   * A recorded trace replayed at its offsets (seconds, already divided by {@code speedup}): see
   * {@link LlmLoad#replay}.
   */
  public static LlmLoad replay(String trace, double speedup, double... offsetSeconds) {
    return LlmLoad.replay(trace, speedup, offsetSeconds);
  }

  /** {@code requests} requests all at the start (vLLM's {@code --request-rate inf}): {@link LlmLoad#requests(int)}. */
  public static LlmLoad atOnce(int requests) {
    return LlmLoad.requests(requests).atOnce();
  }

  /**
   * The closed model, {@code users} users each sending its next request when its previous one ended; give the total
   * with {@link LlmLoad.Concurrency#requests(int)}. Not the protocol's {@code maxConcurrency}, which caps an open load.
   */
  public static LlmLoad.Concurrency concurrency(int users) {
    return LlmLoad.concurrency(users);
  }

  /** Closed-model levels run one after another, each measured on its own: {@link LlmLoad#concurrencySteps(int...)}. */
  public static ConcurrencySteps concurrencySteps(int... levels) {
    return LlmLoad.concurrencySteps(levels);
  }

  /**
   * A numeric key of the exact LLM summary ({@code llm-summary.json}) to check at the end of the run, e.g.
   * {@code llm.assertions(summary("p99_itl_ms").lt(50))}; a failing check makes the run exit with status 2 (not on
   * Gatling Enterprise, which judges by Gatling's assertions: {@code LlmAssertions.gatlingEquivalents}). For what
   * Gatling's own statistics hold (failures, {@code <name> TTFT} ...), use Gatling's assertions.
   */
  public static LlmAssertions.Key summary(String key) {
    return LlmAssertions.summary(key);
  }

  /**
   * A feeder of a dataset's requests as {@code prompt}, {@code promptTokens} and {@code maxTokens} session attributes,
   * e.g. {@code promptFeeder(LlmDatasets.jsonl(path, tokenizer, 100, 256))}: {@link LlmDatasets#feeder(List)}.
   */
  public static FeederBuilder<Object> promptFeeder(List<DatasetRequest> requests) {
    return LlmDatasets.feeder(requests);
  }
}
