package io.github.gatlingllm.simulations;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.github.gatlingllm.LlmDsl.answer;
import static io.github.gatlingllm.LlmDsl.chat;
import static io.github.gatlingllm.LlmDsl.outputTokens;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.github.gatlingllm.action.ScheduledStart;
import io.gatling.javaapi.core.Simulation;
import io.github.gatlingllm.suite.settings.MultiRoundQaSettings;
import io.github.gatlingllm.suite.conversation.ConversationRun;
import io.github.gatlingllm.suite.conversation.ConversationScript;
import io.github.gatlingllm.suite.conversation.ConversationStart;
import io.github.gatlingllm.suite.conversation.ConversationUser;
import io.github.gatlingllm.suite.conversation.MultiRoundQaReport;
import io.github.gatlingllm.suite.conversation.ShareGptScript;
import io.github.gatlingllm.suite.conversation.SyntheticScript;
import io.github.gatlingllm.dataset.ShareGptDialogues;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.javaapi.ChatRequestBuilder;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.suite.reports.MultiRoundQaCsv;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The vLLM production stack's multi-round QA: {@code llm.numUsers} users chat at once, each sending
 * {@code llm.numRounds} questions {@code numUsers / qps} seconds apart with its whole history (its questions and the
 * server's real answers), so prefix caching and KV-cache reuse show; new users join as others finish, and the run
 * starts in a steady state (see {@link io.github.gatlingllm.suite.conversation.ConversationSchedule}). Every
 * {@code llm.logInterval} it prints the original's "Performance summary"; at the end the same over the whole load,
 * users that could not keep their schedule, and TTFT by round. Files: {@code multi-round-qa.csv} (the original's
 * columns) and {@code multi-round-qa.json} beside the usual ones.
 *
 * <pre>
 * mvn gatling:test -Dgatling.simulationClass=io.github.gatlingllm.simulations.MultiRoundQa
 * </pre>
 */
public class MultiRoundQa extends Simulation {
  private final MultiRoundQaSettings settings = MultiRoundQaSettings.fromSystemProperties();
  private final ServerUnderTest server = ServerUnderTest.resolve(settings.common().target().baseUrl());

  {
    String model = server.model(settings.common().target().model(), System.getenv("OPENAI_API_KEY"), settings.common().target().tls());
    TextTokenizer tokenizer = settings.common().loadTokenizer();
    List<ConversationStart> allUsers = settings.schedule().starts(settings.joinWindowSeconds());
    // In a fleet, user u (in join order) is injector u mod N's, at its own join time: the users split, the schedule
    // and the conversations stay those of one generator.
    List<ConversationStart> users = settings.common().injector().stride(allUsers);
    ConversationRun run =
        new ConversationRun(
            settings.schedule(),
            script(tokenizer, allUsers),
            settings.userLag().toNanos() / 1e9,
            settings.conversations().maxInputLen(),
            settings.duration().map(d -> d.toNanos() / 1e9).orElse(Double.POSITIVE_INFINITY));
    MultiRoundQaReport report = MultiRoundQaReport.toConsole(run);

    PopulationBuilder warmUp = LlmLoad.requests(10).atOnce().inject(scenario("warm-up").exec(warmUpRequest()));
    // Users join on the original's schedule, however long the run (llm.duration), each asking several questions.
    PopulationBuilder conversations =
        LlmLoad.users(arrivals(users))
            .inject(
                scenario("multi-round-qa")
                    .feed(conversationsOf(run, users))
                    .exec(this::arrive)
                    .pause(session -> session.<Duration>get("wait"))
                    .asLongAs(session -> user(session).hasNextRound(System.nanoTime()))
                    .on(oneRound()));
    setUp(warmUp.andThen(conversations))
            .protocols(
                SimulationParts.protocol(settings.common(), server.baseUrl(), model, tokenizer)
                    .requestFile(new MultiRoundQaCsv())
                    .periodicOutput(settings.logInterval(), report)
                    .runOutput(report));
  }

  /** One round: ask the next question on the history, send it, append the answer, wait for the next slot. */
  private ChainBuilder oneRound() {
    // The settings allow chat only: the history is a list of chat messages.
    ChatRequestBuilder request =
        chat("multi-round-qa")
            .messages(session -> session.<List<Map<String, Object>>>get("messages"))
            .maxTokens("#{maxTokens}")
            .ignoreEos(settings.common().ignoreEos())
            .temperature(0)
            .conversation("#{userId}", "#{round}")
            .check(answer().saveAs("answer"), outputTokens().saveAs("answerTokens"));
    if (settings.requestWithUserId()) {
      request = request.header("x-user-id", "#{userId}");
    }
    return exec(this::ask)
        .exec(request)
        .exec(this::answered)
        .pause(session -> session.<Duration>get("wait"));
  }

  /**
   * The user joins; its first round is due its first delay after its arrival. Each round's due time is put where the
   * request takes its intended start ({@link ScheduledStart}): a round sent late counts as client queue time.
   */
  private Session arrive(Session session) {
    ConversationUser user = user(session);
    long now = System.nanoTime();
    Duration wait = user.arrive(now);
    long due = ScheduledStart.launchNanos(session, now) + wait.toNanos(); // the arrival may still be to come
    return session.set("userId", user.userId()).set("wait", wait).set(ScheduledStart.ATTRIBUTE, due);
  }

  private Session ask(Session session) {
    ConversationUser user = user(session);
    // The first round is sent at its scheduled arrival (the user was let go a little ahead): its launch, as later ones.
    List<Map<String, Object>> messages = user.ask(ScheduledStart.launchNanos(session, System.nanoTime()));
    // A failed request saves no answer (its checks do not run): the previous round's must not be taken for it.
    return session
        .remove("answer")
        .remove("answerTokens")
        .set("messages", messages)
        .set("maxTokens", user.maxTokens())
        .set("round", user.round());
  }

  private Session answered(Session session) {
    String answer = session.contains("answer") ? session.getString("answer") : null; // null: the request failed
    int answerTokens = session.contains("answerTokens") ? session.getInt("answerTokens") : 0;
    long now = System.nanoTime();
    Duration wait = user(session).answered(answer, answerTokens, now);
    return session.set("wait", wait).set(ScheduledStart.ATTRIBUTE, now + wait.toNanos()); // the next round's slot
  }

  private static ConversationUser user(Session session) {
    return session.get("conversation");
  }

  /** The original warms the engine with 10 short requests first; they stay out of every LLM result. */
  private ChatRequestBuilder warmUpRequest() {
    return chat("warm-up")
        .prompt(session -> "WARMUP: Hi, I'm user " + session.userId() + ". Here are some text: " + "hi ".repeat(100)
            + ".")
        .maxTokens(100)
        .temperature(0)
        .warmUp();
  }

  private ConversationScript script(TextTokenizer tokenizer, List<ConversationStart> users) {
    long maxUserId = users.isEmpty() ? 1 : users.get(users.size() - 1).userId();
    SyntheticScript synthetic =
        new SyntheticScript(
            tokenizer,
            settings.conversations().sharedSystemPrompt(),
            settings.conversations().userHistoryPrompt(),
            settings.conversations().answerLen(),
            maxUserId,
            settings.schedule().numRounds());
    if (!settings.conversations().dataset().equals(MultiRoundQaSettings.SHAREGPT)) {
      return synthetic;
    }
    ShareGptDialogues.Loaded dialogues =
        ShareGptDialogues.load(settings.conversations().sharegptFile(), settings.schedule().numRounds(), maxUserId + 1, tokenizer);
    return new ShareGptScript(dialogues, synthetic, settings.conversations().answerLen());
  }

  private static Iterator<Map<String, Object>> conversationsOf(ConversationRun run, List<ConversationStart> users) {
    return users.stream().map(u -> Map.<String, Object>of("conversation", new ConversationUser(run, u))).iterator();
  }

  private static double[] arrivals(List<ConversationStart> users) {
    return users.stream().mapToDouble(ConversationStart::arrivalSeconds).toArray();
  }

  @Override
  public void after() {
    server.close();
  }
}
