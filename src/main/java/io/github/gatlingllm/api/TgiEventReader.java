package io.github.gatlingllm.api;

import io.github.gatlingllm.api.JsonEventScanner.Kind;

/**
 * Reads one TGI {@code /generate_stream} event with a {@link JsonEventScanner}:
 *
 * <ul>
 *   <li>{@code {"token": {"id", "text", "logprob", "special"}, "generated_text": null, "details": null}}: one chunk
 *       ({@code choices = 1}), visible unless the token is special or its text empty;
 *   <li>the last event also carries {@code generated_text} and {@code details.generated_tokens} (the completion token
 *       count) and, depending on the version and options, {@code details.input_length} or a {@code details.prefill}
 *       array (the prompt token count);
 *   <li>{@code {"error": "...", "error_type": "..."}}: an in-stream error.
 * </ul>
 *
 * TGI sends no end marker: the stream ends with the body.
 */
final class TgiEventReader {
  private static final byte[] TOKEN = JsonEventScanner.ascii("token");
  private static final byte[] DETAILS = JsonEventScanner.ascii("details");
  private static final byte[] ERROR = JsonEventScanner.ascii("error");
  private static final byte[] TEXT = JsonEventScanner.ascii("text");
  private static final byte[] SPECIAL = JsonEventScanner.ascii("special");
  private static final byte[] GENERATED_TOKENS = JsonEventScanner.ascii("generated_tokens");
  private static final byte[] INPUT_LENGTH = JsonEventScanner.ascii("input_length");
  private static final byte[] PREFILL = JsonEventScanner.ascii("prefill");

  private TgiEventReader() {}

  static void read(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    out.reset();
    JsonEventScanner json = JsonEventScanner.over(data, length);
    json.enterTopLevelObject();
    readTopLevel(json, out);
    json.expectEndOfInput();
  }

  private static void readTopLevel(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    while (json.nextField()) {
      Kind value = json.peekValue();
      if (value == Kind.OBJECT && json.fieldIs(TOKEN)) {
        out.choices(1);
        readToken(json, out);
      } else if (value == Kind.OBJECT && json.fieldIs(DETAILS)) {
        readDetails(json, out);
      } else if (value != Kind.NULL && json.fieldIs(ERROR)) {
        out.errorMessage(value == Kind.STRING ? EventText.truncate(json.readString()) : "error");
        if (value != Kind.STRING) {
          json.skipValue();
        }
      } else {
        json.skipValue();
      }
    }
  }

  private static void readToken(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    boolean special = false;
    boolean hasText = false;
    StringBuilder sink = out.textSink();
    int sinkMark = sink == null ? 0 : sink.length();
    json.enterObject();
    while (json.nextField()) {
      Kind value = json.peekValue();
      if (value == Kind.STRING && json.fieldIs(TEXT)) {
        hasText = json.readText(sink);
      } else if (value == Kind.TRUE && json.fieldIs(SPECIAL)) {
        json.skipValue();
        special = true;
      } else {
        json.skipValue();
      }
    }
    if (special) {
      // Special tokens (end of sequence ...) are not output a user sees: TGI's own clients drop them.
      if (sink != null) {
        sink.setLength(sinkMark);
      }
    } else if (hasText) {
      out.markVisibleContent();
    }
  }

  private static void readDetails(JsonEventScanner json, StreamChunk out) throws MalformedEventException {
    int prompt = -1;
    int completion = -1;
    json.enterObject();
    while (json.nextField()) {
      if (json.nextValueIsInteger() && json.fieldIs(GENERATED_TOKENS)) {
        completion = json.readTokenCount();
      } else if (json.nextValueIsInteger() && json.fieldIs(INPUT_LENGTH)) {
        prompt = json.readTokenCount();
      } else if (json.peekValue() == Kind.ARRAY && json.fieldIs(PREFILL)) {
        int count = countElements(json);
        // An empty prefill means TGI was not asked for it (decoder_input_details), not an empty prompt.
        if (count > 0 && prompt < 0) {
          prompt = count;
        }
      } else {
        json.skipValue();
      }
    }
    if (prompt >= 0 || completion >= 0) {
      out.usage(prompt, completion);
    }
  }

  private static int countElements(JsonEventScanner json) throws MalformedEventException {
    int count = 0;
    json.enterArray();
    while (json.nextElement()) {
      count++;
      json.skipValue();
    }
    return count;
  }
}
