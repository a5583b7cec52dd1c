package io.github.gatlingllm.api;

import io.github.gatlingllm.api.JsonEventScanner.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one OpenAI-style streamed event (chat or completions; the shapes share everything that matters for timing)
 * with a {@link JsonEventScanner}: no tree, no String per field name, no String for content unless text capture is on,
 * nothing allocated at all on the plain path.
 *
 * <p>It reads {@code usage} wherever it appears: llama.cpp puts it inside the last chunk with non-empty
 * {@code choices}, vLLM in a chunk of its own with {@code "choices": []} (docs/metrics.md, stream shapes). The prompt
 * tokens served from the prefix cache come from {@code usage.prompt_tokens_details.cached_tokens} (OpenAI, vLLM with
 * {@code --enable-prompt-tokens-details}, SGLang with {@code --enable-cache-report}, recent llama.cpp), else from
 * llama.cpp's top-level {@code timings.cache_n}. A complete non-streamed answer has the same {@code usage}, so the
 * reader takes it from one too.
 */
final class OpenAiEventReader {
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHOICES = JsonEventScanner.ascii("choices");
  private static final byte[] USAGE = JsonEventScanner.ascii("usage");
  private static final byte[] ERROR = JsonEventScanner.ascii("error");
  private static final byte[] TEXT = JsonEventScanner.ascii("text");
  private static final byte[] DELTA = JsonEventScanner.ascii("delta");
  private static final byte[] CONTENT = JsonEventScanner.ascii("content");
  private static final byte[] TOOL_CALLS = JsonEventScanner.ascii("tool_calls");
  private static final byte[] REASONING_CONTENT = JsonEventScanner.ascii("reasoning_content");
  private static final byte[] REASONING = JsonEventScanner.ascii("reasoning");
  private static final byte[] PROMPT_TOKENS = JsonEventScanner.ascii("prompt_tokens");
  private static final byte[] COMPLETION_TOKENS = JsonEventScanner.ascii("completion_tokens");
  private static final byte[] COMPLETION_TOKENS_DETAILS = JsonEventScanner.ascii("completion_tokens_details");
  private static final byte[] REASONING_TOKENS = JsonEventScanner.ascii("reasoning_tokens");
  private static final byte[] PROMPT_TOKENS_DETAILS = JsonEventScanner.ascii("prompt_tokens_details");
  private static final byte[] CACHED_TOKENS = JsonEventScanner.ascii("cached_tokens");
  private static final byte[] TIMINGS = JsonEventScanner.ascii("timings");
  private static final byte[] CACHE_N = JsonEventScanner.ascii("cache_n");
  private static final byte[] MESSAGE = JsonEventScanner.ascii("message");

  private OpenAiEventReader() {}

  static void read(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    out.reset();
    if (isDone(data, length)) {
      out.markDone();
      return;
    }
    JsonEventScanner json = JsonEventScanner.over(data, length);
    json.enterTopLevelObject();
    readTopLevel(json, out);
    json.expectEndOfInput();
  }

  static boolean isDone(byte[] data, int length) {
    // Servers write "[DONE]", some with surrounding spaces.
    int start = 0;
    int end = length;
    while (start < end && data[start] == ' ') {
      start++;
    }
    while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\r')) {
      end--;
    }
    return end - start == DONE.length && Arrays.equals(data, start, end, DONE, 0, DONE.length);
  }

  private static void readTopLevel(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    while (json.nextField()) {
      if (json.fieldIs(CHOICES)) {
        if (json.peekValue() == Kind.ARRAY) {
          out.choices(readChoices(json, out));
        } else {
          json.skipValue();
        }
      } else if (json.fieldIs(USAGE)) {
        if (json.peekValue() == Kind.OBJECT) {
          readUsage(json, out);
        } else {
          json.skipValue();
        }
      } else if (json.fieldIs(ERROR)) {
        out.errorMessage(readError(json));
      } else if (json.peekValue() == Kind.OBJECT && json.fieldIs(TIMINGS)) {
        readTimings(json, out);
      } else {
        json.skipValue();
      }
    }
  }

  private static int readChoices(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    int count = 0;
    json.enterArray();
    while (json.nextElement()) {
      count++;
      if (json.peekValue() == Kind.OBJECT) {
        readChoice(json, out);
      } else {
        json.skipValue();
      }
    }
    return count;
  }

  private static void readChoice(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    json.enterObject();
    while (json.nextField()) {
      Kind value = json.peekValue();
      if (value == Kind.STRING && json.fieldIs(TEXT)) {
        readVisibleText(json, out);
      } else if (value == Kind.OBJECT && json.fieldIs(DELTA)) {
        readDelta(json, out);
      } else {
        json.skipValue();
      }
    }
  }

  private static void readDelta(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    json.enterObject();
    while (json.nextField()) {
      Kind value = json.peekValue();
      if (value == Kind.STRING && json.fieldIs(CONTENT)) {
        readVisibleText(json, out);
      } else if (value == Kind.ARRAY && json.fieldIs(TOOL_CALLS)) {
        // A tool call is output the user sees (arguments stream as tokens), but not text to capture.
        out.markVisibleContent();
        json.skipValue();
      } else if (value == Kind.STRING && (json.fieldIs(REASONING_CONTENT) || json.fieldIs(REASONING))) {
        // Reasoning is output, but not visible output: the chunk counts for TTFT/ITL, not for TTFO.
        if (json.readText(out.reasoningSink())) {
          out.markReasoningContent();
        }
      } else {
        // role, refusal, ...
        json.skipValue();
      }
    }
  }

  private static void readVisibleText(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    if (json.readText(out.textSink())) {
      out.markVisibleContent();
    }
  }

  private static void readUsage(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    int prompt = -1;
    int completion = -1;
    json.enterObject();
    while (json.nextField()) {
      Kind value = json.peekValue();
      if (json.nextValueIsInteger() && json.fieldIs(PROMPT_TOKENS)) {
        prompt = json.readTokenCount();
      } else if (json.nextValueIsInteger() && json.fieldIs(COMPLETION_TOKENS)) {
        completion = json.readTokenCount();
      } else if (value == Kind.OBJECT && json.fieldIs(COMPLETION_TOKENS_DETAILS)) {
        readCompletionDetails(json, out);
      } else if (value == Kind.OBJECT && json.fieldIs(PROMPT_TOKENS_DETAILS)) {
        // SGLang may send null here, or null members: skipped, so the count stays unknown rather than 0.
        readPromptDetails(json, out);
      } else {
        json.skipValue();
      }
    }
    out.usage(prompt, completion);
  }

  /** {@code usage.completion_tokens_details}: only {@code reasoning_tokens} is kept. */
  private static void readCompletionDetails(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    json.enterObject();
    while (json.nextField()) {
      if (json.nextValueIsInteger() && json.fieldIs(REASONING_TOKENS)) {
        out.reasoningTokens(json.readTokenCount());
      } else {
        json.skipValue();
      }
    }
  }

  /** {@code usage.prompt_tokens_details}: only {@code cached_tokens} is kept. */
  private static void readPromptDetails(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    json.enterObject();
    while (json.nextField()) {
      if (json.nextValueIsInteger() && json.fieldIs(CACHED_TOKENS)) {
        out.cachedTokensFromUsage(json.readTokenCount());
      } else {
        json.skipValue();
      }
    }
  }

  /** llama.cpp's {@code timings}: only {@code cache_n} (prompt tokens reused from the cache) is kept. */
  private static void readTimings(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    json.enterObject();
    while (json.nextField()) {
      if (json.nextValueIsInteger() && json.fieldIs(CACHE_N)) {
        out.cachedTokensFromTimings(json.readTokenCount());
      } else {
        json.skipValue();
      }
    }
  }

  private static String readError(JsonEventScanner json) throws MalformedEventException {
    Kind value = json.peekValue();
    if (value == Kind.STRING) {
      return EventText.truncate(json.readString());
    }
    if (value != Kind.OBJECT) {
      json.skipValue();
      return value == Kind.NULL ? null : "error";
    }
    String message = "error";
    json.enterObject();
    while (json.nextField()) {
      if (json.peekValue() == Kind.STRING && json.fieldIs(MESSAGE)) {
        message = EventText.truncate(json.readString());
      } else {
        json.skipValue();
      }
    }
    return message;
  }
}
