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

  public static final List<String> PROPERTIES =
      CommonSettings.with(
          "llm.profile",
          "llm.concurrencyLevels",
          "llm.randomInputLen",
          "llm.randomOutputLen",
          "llm.numPromptsPerLevel",
          "llm.maxModelLen",
          "llm.imageWidth",
          "llm.imageHeight",
          "llm.imageFormat",
          "llm.imagesPerRequest",
          "llm.imageTokens");

  public static ConcurrencyProfilesSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static ConcurrencyProfilesSettings from(LlmProperties p) {
    ConcurrencyProfile profile = ConcurrencyProfile.byId(p.choice("llm.profile", "low", ConcurrencyProfile.ids()));
    CommonSettings common =
        CommonSettings.from(p, profile.vision() ? ServingSettings.CHAT : ServingSettings.COMPLETIONS, true);
    Optional<VisionSettings> vision = Optional.empty();
    if (profile.vision()) {
      if (!common.chat()) {
        throw new IllegalArgumentException(
            "llm.profile=" + profile.id() + " sends images in chat messages: it needs llm.endpoint="
                + ServingSettings.CHAT + " and llm.backend=openai-chat (their defaults for this profile), got "
                + common.endpoint() + " and " + common.backend());
      }
      vision = Optional.of(VisionSettings.from(p));
    }
    Optional<String> levelSpec = p.optional("llm.concurrencyLevels");
    List<Integer> levels = levelSpec.map(ConcurrencyProfilesSettings::levels).orElse(profile.levels());
    if (levels.isEmpty()) {
      throw new IllegalArgumentException(
          "llm.profile=custom needs llm.concurrencyLevels: comma-separated levels >= 1, e.g. 1,4,8");
    }
    OptionalInt inputLen = optionalInt(p, "llm.randomInputLen");
    if (inputLen.isEmpty() && profile != ConcurrencyProfile.HIGH) {
      inputLen = OptionalInt.of(profile.inputLen());
    }
    return new ConcurrencyProfilesSettings(
        common,
        profile,
        levels,
        inputLen,
        p.integer("llm.randomOutputLen", profile.outputLen(), 1),
        optionalInt(p, "llm.numPromptsPerLevel"),
        optionalInt(p, "llm.maxModelLen"),
        vision);
  }

  private static OptionalInt optionalInt(LlmProperties p, String name) {
    return p.optional(name).isEmpty() ? OptionalInt.empty() : OptionalInt.of(p.integer(name, 1, 1));
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
      throw new IllegalArgumentException(
          "Invalid value '" + spec + "' for llm.concurrencyLevels: expected comma-separated integers >= 1, e.g. 1,4,8");
    }
    if (levels.stream().distinct().count() != levels.size()) {
      throw new IllegalArgumentException(
          "Invalid value '" + spec + "' for llm.concurrencyLevels: each level may appear once (one scenario per level)");
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
          "llm.profile=high needs the server's context length, which its /v1/models entry does not give "
              + "(no max_model_len): set -Dllm.maxModelLen=... or -Dllm.randomInputLen=...");
    }
    int input = context.getAsInt() - HIGH_OUTPUT_ROOM;
    if (input < 1) {
      throw new IllegalArgumentException(
          "llm.profile=high: a context length of " + context.getAsInt() + " leaves no room for a prompt beside "
              + HIGH_OUTPUT_ROOM + " output tokens; set -Dllm.randomInputLen=...");
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

  /** The levels as an array, for {@code LlmInjection.concurrencySteps}. */
  public int[] levelArray() {
    return levels.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return "profile " + profile.id() + ", levels " + Arrays.toString(levelArray())
        + vision.map(v -> ", " + v).orElse("");
  }
}
