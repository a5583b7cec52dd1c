package io.github.gatlingllm.mock;

import java.util.Locale;
import java.util.Map;

/** Text to {@link MockConfig} and back: the {@code mock.*} properties read by the standalone server. */
final class MockConfigParser {

  private MockConfigParser() {}

  static MockConfig parse(Map<String, String> properties) {
    MockConfig.Builder builder = MockConfig.builder();
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      if (entry.getKey().startsWith(MockKnob.PREFIX)) {
        MockKnob knob = MockKnob.byKey(entry.getKey().substring(MockKnob.PREFIX.length()));
        apply(builder, knob, entry.getValue().trim());
      }
    }
    return builder.build();
  }

  private static void apply(MockConfig.Builder b, MockKnob knob, String text) {
    switch (knob) {
      case PORT -> b.port(integer(knob, text));
      case MODEL -> b.model(text);
      case STRICT_MODEL -> b.strictModel(bool(knob, text));
      case MAX_MODEL_LEN -> b.maxModelLen(integer(knob, text));
      case SEED -> b.seed(longInteger(knob, text));
      case TTFT_MS -> b.ttftMs(number(knob, text));
      case TTFT_PER_PROMPT_TOKEN_MS -> b.ttftPerPromptTokenMs(number(knob, text));
      case TTFT_PER_IMAGE_MS -> b.ttftPerImageMs(number(knob, text));
      case ITL_MS -> b.itlMs(number(knob, text));
      case ITL_PER_ACTIVE_STREAM_MS -> b.itlPerActiveStreamMs(number(knob, text));
      case ITL_JITTER_MS -> b.itlJitterMs(number(knob, text));
      case DEFAULT_MAX_TOKENS -> b.defaultMaxTokens(integer(knob, text));
      case THREADS -> b.threads(integer(knob, text));
      case NATIVE_TRANSPORT -> b.nativeTransport(bool(knob, text));
      case FAULT_MODE -> b.faultMode(FaultMode.parse(text, knob.property()));
      case FAULT_EVERY -> b.faultEvery(integer(knob, text));
      case FAULT_OFFSET -> b.faultOffset(integer(knob, text));
      case FAULT_STATUS -> b.faultStatus(integer(knob, text));
      case FAULT_AFTER_TOKENS -> b.faultAfterTokens(integer(knob, text));
      case FAULT_STALL_MS -> b.faultStallMs(longInteger(knob, text));
      case TRUTH_SKIP_FIRST -> b.truthSkipFirst(integer(knob, text));
      case REASONING_TOKENS -> b.reasoningTokens(integer(knob, text));
      case STREAM_USAGE -> b.streamUsage(bool(knob, text));
      case KV_CACHE_TOKENS -> b.kvCacheTokens(integer(knob, text));
      case BATCH_SLOTS -> b.batchSlots(integer(knob, text));
      case PREFIX_CACHE_BLOCKS -> b.prefixCacheBlocks(integer(knob, text));
      case PREFIX_BLOCK_TOKENS -> b.prefixBlockTokens(integer(knob, text));
    }
  }

  /** One {@code --key=value} line per knob, in the order of {@code --help}. */
  static String describe(MockConfig c) {
    StringBuilder out = new StringBuilder();
    for (MockKnob knob : MockKnob.values()) {
      out.append("  --").append(knob.key).append('=').append(value(c, knob)).append('\n');
    }
    return out.toString();
  }

  /** The knobs with what they accept and their defaults. */
  static String help() {
    MockConfig defaults = MockConfig.defaults();
    StringBuilder out = new StringBuilder();
    for (MockKnob knob : MockKnob.values()) {
      out.append(String.format(Locale.ROOT, "  --%-26s %s%n", knob.key + "=<v>", knob.help));
      out.append(String.format(Locale.ROOT, "  %-28s accepts %s; default %s%n", "", knob.expected,
          value(defaults, knob)));
    }
    return out.toString();
  }

  private static String value(MockConfig c, MockKnob knob) {
    return switch (knob) {
      case PORT -> Integer.toString(c.server().port());
      case MODEL -> c.served().model();
      case STRICT_MODEL -> Boolean.toString(c.served().strictModel());
      case MAX_MODEL_LEN -> Integer.toString(c.served().maxModelLen());
      case SEED -> Long.toString(c.answers().seed());
      case TTFT_MS -> MockKnob.formatMillis(c.latency().ttftMs());
      case TTFT_PER_PROMPT_TOKEN_MS -> MockKnob.formatMillis(c.latency().ttftPerPromptTokenMs());
      case TTFT_PER_IMAGE_MS -> MockKnob.formatMillis(c.latency().ttftPerImageMs());
      case ITL_MS -> MockKnob.formatMillis(c.latency().itlMs());
      case ITL_PER_ACTIVE_STREAM_MS -> MockKnob.formatMillis(c.latency().itlPerActiveStreamMs());
      case ITL_JITTER_MS -> MockKnob.formatMillis(c.latency().itlJitterMs());
      case DEFAULT_MAX_TOKENS -> Integer.toString(c.answers().defaultMaxTokens());
      case THREADS -> Integer.toString(c.server().threads());
      case NATIVE_TRANSPORT -> Boolean.toString(c.server().nativeTransport());
      case FAULT_MODE -> c.faults().mode().name().toLowerCase(Locale.ROOT);
      case FAULT_EVERY -> Integer.toString(c.faults().every());
      case FAULT_OFFSET -> Integer.toString(c.faults().offset());
      case FAULT_STATUS -> Integer.toString(c.faults().status());
      case FAULT_AFTER_TOKENS -> Integer.toString(c.faults().afterTokens());
      case FAULT_STALL_MS -> Long.toString(c.faults().stallMs());
      case TRUTH_SKIP_FIRST -> Integer.toString(c.truthSkipFirst());
      case REASONING_TOKENS -> Integer.toString(c.answers().reasoningTokens());
      case STREAM_USAGE -> Boolean.toString(c.answers().streamUsage());
      case KV_CACHE_TOKENS -> Integer.toString(c.served().kvCacheTokens());
      case BATCH_SLOTS -> Integer.toString(c.served().batchSlots());
      case PREFIX_CACHE_BLOCKS -> Integer.toString(c.prefixCache().blocks());
      case PREFIX_BLOCK_TOKENS -> Integer.toString(c.prefixCache().blockTokens());
    };
  }

  private static int integer(MockKnob knob, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw knob.invalid(text);
    }
  }

  private static long longInteger(MockKnob knob, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw knob.invalid(text);
    }
  }

  private static double number(MockKnob knob, String text) {
    try {
      double value = Double.parseDouble(text);
      // Double.parseDouble accepts "NaN", "Infinity" and a trailing 'd': none of them is a duration.
      if (!Double.isFinite(value) || !text.matches("[+-]?[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?|[+-]?[0-9]+\\.")) {
        throw knob.invalid(text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw knob.invalid(text);
    }
  }

  private static boolean bool(MockKnob knob, String text) {
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw knob.invalid(text);
  }
}
