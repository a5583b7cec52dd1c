package io.github.gatlingllm.api;

import java.util.List;

/** The dialects this plugin ships, by backend name ({@link Dialect#name()}, as in {@code llm.backend}). */
public final class Dialects {
  /** Every shipped dialect. */
  public static final List<Dialect> ALL =
      List.of(OpenAiCompletionsDialect.INSTANCE, OpenAiChatDialect.INSTANCE, TgiGenerateDialect.INSTANCE);

  private Dialects() {}

  /** The backend names, e.g. for validating a property. */
  public static List<String> names() {
    return ALL.stream().map(Dialect::name).toList();
  }

  /**
   * @throws IllegalArgumentException for a name no shipped dialect has
   */
  public static Dialect named(String name) {
    for (Dialect dialect : ALL) {
      if (dialect.name().equals(name)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException(
        "Unknown backend '" + name + "': use one of " + String.join(", ", names()));
  }
}
