package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.javaapi.ConcurrencySteps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The knobs of the concurrency profile matrix (closed model, one measured step per concurrency level).
 *
 * @param common the shared knobs (endpoint default {@code /v1/completions}, {@code ignoreEos} default true so that
 *     every request generates the profile's output length)
 * @param profile {@code high}, {@code medium}, {@code low} (default), {@code custom}, {@code vision-1} or {@code
 *     vision-2}
 * @param levels the concurrency levels in run order: {@code llm.concurrencyLevels}, else the profile's
 * @param inputLen {@code llm.randomInputLen}, else the profile's (empty for {@code high}: server context - 2048)
 * @param outputLen {@code llm.randomOutputLen}, else the profile's
 * @param numPromptsPerLevel {@code llm.numPromptsPerLevel}, else empty: {@code max(2 x level, 10)}
 * @param maxModelLen {@code llm.maxModelLen}: the context length for {@code high}, else asked from the server
 * @param vision the images of {@code vision-1} and {@code vision-2} (chat only), else empty
 */
public record ConcurrencyProfilesSettings(
    CommonSettings common,
    ConcurrencyProfile profile,
    List<Integer> levels,
    OptionalInt inputLen,
    int outputLen,
    OptionalInt numPromptsPerLevel,
    OptionalInt maxModelLen,
    Optional<VisionSettings> vision) {

  /** What {@code high} keeps free for the output: its input is the context length minus this. */
  public static final int HIGH_OUTPUT_ROOM = 2048;

  public static final String PROFILE = "llm.profile";
  public static final String CONCURRENCY_LEVELS = "llm.concurrencyLevels";
  public static final String NUM_PROMPTS_PER_LEVEL = "llm.numPromptsPerLevel";
  public static final String MAX_MODEL_LEN = "llm.maxModelLen";

  /** Its own, the prompt lengths' (named as the random dataset's, which they mean) and the images'. */
  public static final List<String> PROPERTIES =
      java.util.stream.Stream.concat(
              CommonSettings.with(
                  PROFILE,
                  CONCURRENCY_LEVELS,
                  DatasetSettings.RANDOM_INPUT_LEN,
                  DatasetSettings.RANDOM_OUTPUT_LEN,
                  NUM_PROMPTS_PER_LEVEL,
                  MAX_MODEL_LEN)
                  .stream(),
              VisionSettings.PROPERTIES.stream())
          .toList();

  public static ConcurrencyProfilesSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static ConcurrencyProfilesSettings from(LlmProperties p) {
    ConcurrencyProfile profile = ConcurrencyProfile.byId(p.choice(PROFILE, "low", ConcurrencyProfile.ids()));
    CommonSettings common =
        CommonSettings.from(p, profile.vision() ? ServingSettings.CHAT : ServingSettings.COMPLETIONS, true);
    Optional<VisionSettings> vision = Optional.empty();
    if (profile.vision()) {
      if (!common.chat()) {
        throw new IllegalArgumentException(
            PROFILE + "=" + profile.id() + " sends images in chat messages: it needs " + CommonSettings.ENDPOINT + "="
                + ServingSettings.CHAT + " and " + CommonSettings.BACKEND + "=openai-chat (their defaults for this"
                + " profile), got " + common.target().endpoint() + " and " + common.target().backend());
      }
      vision = Optional.of(VisionSettings.from(p));
    }
    List<Integer> levels = p.optional(CONCURRENCY_LEVELS).map(ConcurrencyProfilesSettings::levels)
        .orElse(profile.levels());
    if (levels.isEmpty()) {
      throw new IllegalArgumentException(
          PROFILE + "=custom needs " + CONCURRENCY_LEVELS + ": comma-separated levels >= 1, e.g. 1,4,8");
    }
    OptionalInt inputLen = p.optionalInteger(DatasetSettings.RANDOM_INPUT_LEN, 1);
    if (inputLen.isEmpty() && profile != ConcurrencyProfile.HIGH) {
      inputLen = OptionalInt.of(profile.inputLen());
    }
    return new ConcurrencyProfilesSettings(
        common,
        profile,
        levels,
        inputLen,
        p.integer(DatasetSettings.RANDOM_OUTPUT_LEN, profile.outputLen(), 1),
        p.optionalInteger(NUM_PROMPTS_PER_LEVEL, 1),
        p.optionalInteger(MAX_MODEL_LEN, 1),
        vision);
  }

  static List<Integer> levels(String spec) {
    List<Integer> levels = new ArrayList<>();
    for (String part : spec.split(",")) {
      try {
        int level = Integer.parseInt(part.trim());
        if (level >= 1) {
          levels.add(level);
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below with the expected form
      }
      throw LlmProperties.invalid(CONCURRENCY_LEVELS, spec, "comma-separated integers >= 1, e.g. 1,4,8");
    }
    if (levels.stream().distinct().count() != levels.size()) {
      throw LlmProperties.invalid(CONCURRENCY_LEVELS, spec, "each level once (one scenario per level)");
    }
    return List.copyOf(levels);
  }

  /**
   * The prompt length: the given or profile's one, else (for {@code high}) the context length minus {@value
   * #HIGH_OUTPUT_ROOM}, from {@code llm.maxModelLen} or else what the server reports.
   */
  public int resolveInputLen(OptionalInt serverMaxModelLen) {
    if (inputLen.isPresent()) {
      return inputLen.getAsInt();
    }
    OptionalInt context = maxModelLen.isPresent() ? maxModelLen : serverMaxModelLen;
    if (context.isEmpty()) {
      throw new IllegalArgumentException(
          PROFILE + "=high needs the server's context length, which its /v1/models entry does not give "
              + "(no max_model_len): set -D" + MAX_MODEL_LEN + "=... or -D" + DatasetSettings.RANDOM_INPUT_LEN + "=...");
    }
    int input = context.getAsInt() - HIGH_OUTPUT_ROOM;
    if (input < 1) {
      throw new IllegalArgumentException(
          PROFILE + "=high: a context length of " + context.getAsInt() + " leaves no room for a prompt beside "
              + HIGH_OUTPUT_ROOM + " output tokens; set -D" + DatasetSettings.RANDOM_INPUT_LEN + "=...");
    }
    return input;
  }

  /** Whether the context length must be asked from the server. */
  public boolean needsServerContextLength() {
    return inputLen.isEmpty() && maxModelLen.isEmpty();
  }

  /** Requests sent at concurrency {@code level}. */
  public int requestsAt(int level) {
    return numPromptsPerLevel.isPresent()
        ? numPromptsPerLevel.getAsInt()
        : ConcurrencySteps.DEFAULT_REQUESTS_PER_LEVEL.applyAsInt(level);
  }

  /** The levels as an array, for {@code LlmLoad.concurrencySteps}. */
  public int[] levelArray() {
    return levels.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return "profile " + profile.id() + ", levels " + Arrays.toString(levelArray())
        + vision.map(v -> ", " + v).orElse("");
  }
}
