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
 * @param schedule who asks when: {@code llm.numUsers} ({@code --num-users}), {@code llm.numRounds} ({@code
 *     --num-rounds}), {@code llm.qps} ({@code --qps}), {@code llm.initUserId} ({@code --init-user-id}; change it to
 *     avoid cache hits of an earlier run)
 * @param conversations what the users say
 * @param userLag the least time a user waits after an answer before its next question ({@code llm.userLag})
 * @param requestWithUserId send {@code x-user-id: <id>} with every request ({@code --request-with-user-id})
 * @param duration how long the load runs ({@code --time}); empty: users join for one user lifetime and the run ends
 *     when the last of them has finished
 * @param logInterval the time between two periodic summaries ({@code --log-interval})
 */
public record MultiRoundQaSettings(
    CommonSettings common,
    ConversationSchedule schedule,
    Conversations conversations,
    Duration userLag,
    boolean requestWithUserId,
    Optional<Duration> duration,
    Duration logInterval) {

  public static final String SYNTHETIC = "synthetic";
  public static final String SHAREGPT = "sharegpt";
  /** The shipped multi-turn ShareGPT sample (self-written conversations of 12 to 16 turns). */
  public static final String SHAREGPT_SAMPLE = "datasets/sharegpt-multiturn-sample.json";

  public static final String NUM_USERS = "llm.numUsers";
  public static final String NUM_ROUNDS = "llm.numRounds";
  public static final String QPS = "llm.qps";
  public static final String SHARED_SYSTEM_PROMPT = "llm.sharedSystemPrompt";
  public static final String USER_HISTORY_PROMPT = "llm.userHistoryPrompt";
  public static final String ANSWER_LEN = "llm.answerLen";
  public static final String MAX_INPUT_LEN = "llm.maxInputLen";
  public static final String USER_LAG = "llm.userLag";
  public static final String INIT_USER_ID = "llm.initUserId";
  public static final String REQUEST_WITH_USER_ID = "llm.requestWithUserId";
  public static final String DURATION = "llm.duration";
  public static final String LOG_INTERVAL = "llm.logInterval";

  /**
   * What the users say.
   *
   * @param dataset {@code synthetic} or {@code sharegpt} ({@code llm.dataset}; {@code --sharegpt})
   * @param datasetPath the ShareGPT file ({@code llm.datasetPath}); empty for the shipped multi-turn sample
   * @param sharedSystemPrompt tokens of the system prompt all users share ({@code --shared-system-prompt})
   * @param userHistoryPrompt tokens of each user's own context ({@code --user-history-prompt})
   * @param answerLen max tokens per answer ({@code --answer-len}; in ShareGPT mode a cap on the recorded length)
   * @param maxInputLen the most tokens a request's history may hold, older rounds dropped; 0 = no limit
   */
  public record Conversations(
      String dataset,
      Optional<String> datasetPath,
      int sharedSystemPrompt,
      int userHistoryPrompt,
      int answerLen,
      int maxInputLen) {

    /** A synthetic opening larger than maxInputLen could never be sent within it: say so before the run. */
    public Conversations {
      // ~30 tokens of fixed text around the "hi"s and the question; an exact count needs the tokenizer, so this only
      // catches settings that cannot fit whatever the tokenizer.
      if (maxInputLen > 0 && sharedSystemPrompt + userHistoryPrompt >= maxInputLen) {
        throw new IllegalArgumentException(
            MAX_INPUT_LEN + "=" + maxInputLen + ": the first message alone (" + SHARED_SYSTEM_PROMPT + "="
                + sharedSystemPrompt + " + " + USER_HISTORY_PROMPT + "=" + userHistoryPrompt
                + " tokens, plus the question) does not fit; expected " + MAX_INPUT_LEN + " above "
                + (sharedSystemPrompt + userHistoryPrompt));
      }
    }

    /** The ShareGPT file: {@code llm.datasetPath}, else the shipped sample; on disk, else on the classpath. */
    public Path sharegptFile() {
      return DatasetFile.resolve(
          datasetPath.orElse(SHAREGPT_SAMPLE), "a ShareGPT JSON array of multi-turn conversations");
    }
  }

  public static final List<String> PROPERTIES =
      CommonSettings.with(
          NUM_USERS,
          NUM_ROUNDS,
          QPS,
          SHARED_SYSTEM_PROMPT,
          USER_HISTORY_PROMPT,
          ANSWER_LEN,
          MAX_INPUT_LEN,
          USER_LAG,
          INIT_USER_ID,
          REQUEST_WITH_USER_ID,
          DURATION,
          LOG_INTERVAL,
          DatasetSettings.DATASET,
          DatasetSettings.DATASET_PATH);

  public static MultiRoundQaSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static MultiRoundQaSettings from(LlmProperties p) {
    CommonSettings common = CommonSettings.from(p, ServingSettings.CHAT, false);
    if (!common.chat()) {
      throw new IllegalArgumentException(
          CommonSettings.BACKEND + "=" + common.target().backend() + ": multi-round QA sends chat histories, expected "
              + CommonSettings.BACKEND + "=openai-chat (or " + CommonSettings.ENDPOINT + "=" + ServingSettings.CHAT
              + ")");
    }
    return new MultiRoundQaSettings(
        common,
        new ConversationSchedule(
            p.integer(NUM_USERS, 10, 1),
            p.integer(NUM_ROUNDS, 5, 1),
            p.number(QPS, 2.0, 0, false),
            p.integer(INIT_USER_ID, 0, 0)),
        new Conversations(
            p.choice(DatasetSettings.DATASET, SYNTHETIC, List.of(SYNTHETIC, SHAREGPT)),
            p.optional(DatasetSettings.DATASET_PATH),
            p.integer(SHARED_SYSTEM_PROMPT, 1000, 0),
            p.integer(USER_HISTORY_PROMPT, 2000, 0),
            p.integer(ANSWER_LEN, 100, 1),
            p.integer(MAX_INPUT_LEN, 0, 0)),
        p.duration(USER_LAG, Duration.ZERO),
        p.bool(REQUEST_WITH_USER_ID, false),
        p.optionalPositiveDuration(DURATION),
        p.positiveDuration(LOG_INTERVAL, Duration.ofSeconds(30)));
  }

  /** The window during which users join: {@code llm.duration}, else one user lifetime. */
  public double joinWindowSeconds() {
    return duration.map(d -> d.toNanos() / 1e9).orElseGet(schedule::defaultJoinWindowSeconds);
  }
}
