package io.github.gatlingllm.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The dialects this plugin ships, by backend name ({@link Dialect#name()}, as in {@code llm.backend}). */
public final class Dialects {
  /** Every shipped dialect. */
  public static final List<Dialect> ALL =
      List.of(
          OpenAiCompletionsDialect.INSTANCE,
          OpenAiChatDialect.INSTANCE,
          TgiGenerateDialect.INSTANCE,
          LlmOnRaySimpleDialect.INSTANCE);

  /** Short names also accepted, to their backend name: LLM-on-Ray's docs call its raw mode just "simple". */
  private static final Map<String, String> ALIASES = Map.of("simple", LlmOnRaySimpleDialect.INSTANCE.name());

  private Dialects() {}

  /** The backend names, e.g. for validating a property. */
  public static List<String> names() {
    return ALL.stream().map(Dialect::name).toList();
  }

  /** The backend names and their aliases: what {@link #named} accepts. */
  public static List<String> accepted() {
    return Stream.concat(names().stream(), ALIASES.keySet().stream().sorted()).toList();
  }

  /** The backend name {@code name} stands for (itself unless it is an alias). */
  public static String canonical(String name) {
    return ALIASES.getOrDefault(name, name);
  }

  /**
   * @throws IllegalArgumentException for a name no shipped dialect has (aliases accepted)
   */
  public static Dialect named(String name) {
    String canonical = canonical(name);
    for (Dialect dialect : ALL) {
      if (dialect.name().equals(canonical)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException(
        "Unknown backend '" + name + "': use one of " + String.join(", ", accepted()));
  }
}
