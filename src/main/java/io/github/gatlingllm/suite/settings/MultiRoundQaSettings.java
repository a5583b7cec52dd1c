package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.suite.conversation.ConversationSchedule;
import io.github.gatlingllm.dataset.DatasetFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The knobs of the multi-round QA workload, after the vLLM production stack's {@code multi-round-qa.py} flags.
 *
 * @param common the shared knobs (chat endpoint by default: conversations are chat messages)
 * @param numUsers users active at once ({@code --num-users})
 * @param numRounds requests per user ({@code --num-rounds})
 * @param qps requests per second over all users ({@code --qps})
 * @param sharedSystemPrompt tokens of the system prompt all users share ({@code --shared-system-prompt})
 * @param userHistoryPrompt tokens of each user's own context ({@code --user-history-prompt})
 * @param answerLen max tokens per answer ({@code --answer-len}; in ShareGPT mode a cap on the recorded length)
 * @param maxInputLen the most tokens a request's history may hold, older rounds dropped; 0 = no limit
 * @param userLag the least time a user waits after an answer before its next question
 * @param initUserId the id before the first user's ({@code --init-user-id}; change it to avoid cache hits of an
 *     earlier run)
 * @param requestWithUserId send {@code x-user-id: <id>} with every request ({@code --request-with-user-id})
 * @param duration how long the load runs ({@code --time}); empty: users join for one user lifetime and the run ends
 *     when the last of them has finished
 * @param logInterval the time between two periodic summaries ({@code --log-interval})
 * @param dataset {@code synthetic} or {@code sharegpt} ({@code --sharegpt})
 * @param datasetPath the ShareGPT file; empty for the shipped multi-turn sample
 */
public record MultiRoundQaSettings(
    CommonSettings common,
    int numUsers,
    int numRounds,
    double qps,
    int sharedSystemPrompt,
    int userHistoryPrompt,
    int answerLen,
    int maxInputLen,
    Duration userLag,
    long initUserId,
    boolean requestWithUserId,
    Optional<Duration> duration,
    Duration logInterval,
    String dataset,
    Optional<String> datasetPath) {

  public static final String SYNTHETIC = "synthetic";
  public static final String SHAREGPT = "sharegpt";
  /** The shipped multi-turn ShareGPT sample (self-written conversations of 12 to 16 turns). */
  public static final String SHAREGPT_SAMPLE = "datasets/sharegpt-multiturn-sample.json";

  public static final List<String> PROPERTIES =
      CommonSettings.with(
          "llm.numUsers",
          "llm.numRounds",
          "llm.qps",
          "llm.sharedSystemPrompt",
          "llm.userHistoryPrompt",
          "llm.answerLen",
          "llm.maxInputLen",
          "llm.userLag",
          "llm.initUserId",
          "llm.requestWithUserId",
          "llm.duration",
          "llm.logInterval",
          "llm.dataset",
          "llm.datasetPath");

  public static MultiRoundQaSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static MultiRoundQaSettings from(LlmProperties p) {
    CommonSettings common = CommonSettings.from(p, ServingSettings.CHAT, false);
    if (!common.chat()) {
      throw new IllegalArgumentException(
          "llm.backend=" + common.backend() + ": multi-round QA sends chat histories, expected llm.backend="
              + "openai-chat (or llm.endpoint=" + ServingSettings.CHAT + ")");
    }
    Optional<Duration> duration =
        p.optional("llm.duration").isPresent() ? Optional.of(p.duration("llm.duration", null)) : Optional.empty();
    duration.ifPresent(
        d -> {
          if (d.isZero()) {
            throw new IllegalArgumentException("llm.duration: expected a duration > 0 such as 120s, got 0");
          }
        });
    Duration logInterval = p.duration("llm.logInterval", Duration.ofSeconds(30));
    if (logInterval.isZero()) {
      throw new IllegalArgumentException("llm.logInterval: expected a duration > 0 such as 30s, got 0");
    }
    MultiRoundQaSettings settings =
        new MultiRoundQaSettings(
            common,
            p.integer("llm.numUsers", 10, 1),
            p.integer("llm.numRounds", 5, 1),
            p.number("llm.qps", 2.0, 0, false),
            p.integer("llm.sharedSystemPrompt", 1000, 0),
            p.integer("llm.userHistoryPrompt", 2000, 0),
            p.integer("llm.answerLen", 100, 1),
            p.integer("llm.maxInputLen", 0, 0),
            p.duration("llm.userLag", Duration.ZERO),
            p.integer("llm.initUserId", 0, 0),
            p.bool("llm.requestWithUserId", false),
            duration,
            logInterval,
            p.choice("llm.dataset", SYNTHETIC, List.of(SYNTHETIC, SHAREGPT)),
            p.optional("llm.datasetPath"));
    settings.checkInputFits();
    return settings;
  }

  /** The arrival schedule of the users. */
  public ConversationSchedule schedule() {
    return new ConversationSchedule(numUsers, numRounds, qps, initUserId);
  }

  /** The window during which users join: {@code llm.duration}, else one user lifetime. */
  public double joinWindowSeconds() {
    return duration.map(d -> d.toNanos() / 1e9).orElseGet(() -> schedule().defaultJoinWindowSeconds());
  }

  /** The ShareGPT file: {@code llm.datasetPath}, else the shipped sample; on disk, else on the classpath. */
  public Path sharegptFile() {
    return DatasetFile.resolve(
        datasetPath.orElse(SHAREGPT_SAMPLE), "a ShareGPT JSON array of multi-turn conversations");
  }

  /** A synthetic opening larger than maxInputLen could never be sent within it: say so before the run. */
  private void checkInputFits() {
    // ~30 tokens of fixed text around the "hi"s and the question; an exact count needs the tokenizer, so this only
    // catches settings that cannot fit whatever the tokenizer.
    if (maxInputLen > 0 && sharedSystemPrompt + userHistoryPrompt >= maxInputLen) {
      throw new IllegalArgumentException(
          "llm.maxInputLen=" + maxInputLen + ": the first message alone (llm.sharedSystemPrompt="
              + sharedSystemPrompt + " + llm.userHistoryPrompt=" + userHistoryPrompt
              + " tokens, plus the question) does not fit; expected llm.maxInputLen above "
              + (sharedSystemPrompt + userHistoryPrompt));
    }
  }
}
