package io.github.gatlingllm.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Seeded random events in the shapes of OpenAI-style and TGI streams: the fields the readers look at, with values of
 * every type (the expected one most often), unknown fields with arbitrary nested values, shuffled field order, random
 * whitespace, every string escape, raw multi-byte UTF-8, and numbers of every shape.
 */
final class RandomEvents {
  private static final String[] WORDS = {"the", " cat", "", "\u00e9t\u00e9", "\u4e2d", "\ud83d\ude00", "a b", "0"};
  private static final String[] ESCAPES = {
    "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u0000", "\\uD83D\\uDE00", "\\ud800",
    "\\u4E2d", "\\u001f"
  };
  private static final String[] NUMBERS = {
    "0", "-0", "7", "-12", "2147483647", "-2147483648", "12.0", "1e3", "1E+3", "-2.5e-7", "0.001", "123456789",
    "31.5E2"
  };

  private final Random random;

  RandomEvents(Random random) {
    this.random = random;
  }

  String openAi() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.7, "id", string());
    maybe(fields, 0.5, "object", "\"chat.completion.chunk\"");
    maybe(fields, 0.5, "created", number());
    maybe(fields, 0.8, "choices", oneOf(0.85, this::choices));
    maybe(fields, 0.3, "usage", oneOf(0.8, this::usage));
    maybe(fields, 0.1, "error", oneOf(0.5, this::errorObject));
    maybe(fields, 0.2, "timings", oneOf(0.8, this::timings));
    maybe(fields, 0.2, "timings", object(List.of("\"prompt_n\":" + number(), "\"predicted_ms\":" + number())));
    addUnknown(fields);
    return object(fields);
  }

  String tgi() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.5, "index", number());
    maybe(fields, 0.85, "token", oneOf(0.9, this::token));
    maybe(fields, 0.5, "generated_text", random.nextBoolean() ? "null" : string());
    maybe(fields, 0.5, "details", oneOf(0.7, this::details));
    maybe(fields, 0.1, "error", oneOf(0.6, this::string));
    maybe(fields, 0.05, "error_type", string());
    addUnknown(fields);
    return object(fields);
  }

  private String choices() {
    List<String> elements = new ArrayList<>();
    int count = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(random.nextInt(10) == 0 ? 3 : 1);
    for (int i = 0; i < count; i++) {
      elements.add(random.nextInt(20) == 0 ? anyValue(2) : choice());
    }
    return array(elements);
  }

  private String choice() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.6, "index", number());
    if (random.nextBoolean()) {
      maybe(fields, 0.9, "delta", oneOf(0.9, this::delta));
    } else {
      maybe(fields, 0.9, "text", oneOf(0.9, this::string));
    }
    maybe(fields, 0.4, "logprobs", "null");
    maybe(fields, 0.5, "finish_reason", random.nextBoolean() ? "null" : "\"length\"");
    addUnknown(fields);
    return object(fields);
  }

  private String delta() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.3, "role", "\"assistant\"");
    maybe(fields, 0.7, "content", oneOf(0.8, this::string));
    maybe(fields, 0.3, "reasoning_content", oneOf(0.7, this::string));
    maybe(fields, 0.2, "reasoning", oneOf(0.7, this::string));
    maybe(fields, 0.15, "tool_calls", oneOf(0.8, this::toolCalls));
    addUnknown(fields);
    return object(fields);
  }

  private String toolCalls() {
    String call =
        object(List.of("\"index\":0", "\"function\":" + object(List.of("\"arguments\":" + string()))));
    return array(random.nextBoolean() ? List.of(call) : List.of());
  }

  private String usage() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.9, "prompt_tokens", oneOf(0.9, this::number));
    maybe(fields, 0.9, "completion_tokens", oneOf(0.9, this::number));
    maybe(fields, 0.5, "total_tokens", number());
    maybe(fields, 0.4, "completion_tokens_details", oneOf(0.7, this::completionDetails));
    maybe(fields, 0.4, "prompt_tokens_details", oneOf(0.7, this::promptDetails));
    addUnknown(fields);
    return object(fields);
  }

  private String promptDetails() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.3, "audio_tokens", random.nextBoolean() ? "null" : number());
    maybe(fields, 0.8, "cached_tokens", oneOf(0.9, this::number));
    return object(fields);
  }

  /** llama.cpp's timings: floats beside {@code cache_n}, the one member read. */
  private String timings() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.6, "prompt_n", number());
    maybe(fields, 0.5, "prompt_ms", "12.5");
    maybe(fields, 0.8, "cache_n", oneOf(0.9, this::number));
    return object(fields);
  }

  private String completionDetails() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.8, "reasoning_tokens", oneOf(0.9, this::number));
    maybe(fields, 0.3, "accepted_prediction_tokens", number());
    return object(fields);
  }

  private String errorObject() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.8, "message", oneOf(0.9, this::string));
    maybe(fields, 0.5, "type", string());
    maybe(fields, 0.5, "code", number());
    return object(fields);
  }

  private String token() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.8, "id", number());
    maybe(fields, 0.9, "text", oneOf(0.9, this::string));
    maybe(fields, 0.7, "logprob", number());
    maybe(fields, 0.8, "special", random.nextInt(4) == 0 ? "true" : oneOf(0.8, () -> "false"));
    addUnknown(fields);
    return object(fields);
  }

  private String details() {
    List<String> fields = new ArrayList<>();
    maybe(fields, 0.5, "finish_reason", "\"length\"");
    maybe(fields, 0.8, "generated_tokens", oneOf(0.9, this::number));
    maybe(fields, 0.4, "input_length", oneOf(0.9, this::number));
    maybe(fields, 0.4, "prefill", oneOf(0.9, this::prefill));
    maybe(fields, 0.3, "seed", random.nextBoolean() ? "null" : number());
    maybe(fields, 0.3, "tokens", array(List.of()));
    addUnknown(fields);
    return object(fields);
  }

  private String prefill() {
    List<String> elements = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      elements.add(object(List.of("\"id\":" + number(), "\"text\":" + string(), "\"logprob\":null")));
    }
    return array(elements);
  }

  // ---- building blocks ----

  /** The expected value with probability {@code p}, otherwise a value of any type. */
  private String oneOf(double p, java.util.function.Supplier<String> expected) {
    return random.nextDouble() < p ? expected.get() : anyValue(2);
  }

  private void maybe(List<String> fields, double p, String name, String value) {
    if (random.nextDouble() < p) {
      fields.add(name(name) + ws() + ":" + ws() + value);
    }
  }

  /** A field name, now and then spelled with a {@code \\u} escape: it must still match. */
  private String name(String name) {
    if (random.nextInt(40) != 0 || name.isEmpty()) {
      return "\"" + name + "\"";
    }
    int at = random.nextInt(name.length());
    return "\"" + name.substring(0, at) + String.format("\\u%04x", (int) name.charAt(at)) + name.substring(at + 1) + "\"";
  }

  private void addUnknown(List<String> fields) {
    while (random.nextInt(3) == 0) {
      fields.add(string() + ws() + ":" + ws() + anyValue(3));
    }
  }

  private String anyValue(int depth) {
    int kind = random.nextInt(depth > 0 ? 7 : 5);
    return switch (kind) {
      case 0 -> string();
      case 1 -> number();
      case 2 -> "true";
      case 3 -> random.nextBoolean() ? "false" : "null";
      case 4 -> string();
      case 5 -> {
        List<String> elements = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          elements.add(anyValue(depth - 1));
        }
        yield array(elements);
      }
      default -> {
        List<String> fields = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          fields.add(string() + ":" + anyValue(depth - 1));
        }
        yield object(fields);
      }
    };
  }

  private String string() {
    StringBuilder text = new StringBuilder("\"");
    for (int i = random.nextInt(5); i > 0; i--) {
      text.append(random.nextInt(4) == 0 ? ESCAPES[random.nextInt(ESCAPES.length)] : WORDS[random.nextInt(WORDS.length)]);
    }
    return text.append('"').toString();
  }

  private String number() {
    return random.nextInt(5) == 0 ? Integer.toString(random.nextInt()) : NUMBERS[random.nextInt(NUMBERS.length)];
  }

  private String object(List<String> fields) {
    List<String> shuffled = new ArrayList<>(fields);
    Collections.shuffle(shuffled, random);
    return "{" + ws() + String.join(ws() + "," + ws(), shuffled) + ws() + "}";
  }

  private String array(List<String> elements) {
    return "[" + ws() + String.join(ws() + "," + ws(), elements) + ws() + "]";
  }

  private String ws() {
    return switch (random.nextInt(12)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      case 2 -> "\t";
      case 3 -> "\r\n";
      default -> "";
    };
  }
}
