package io.github.gatlingllm.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The TGI event reader as it was on Jackson's streaming parser, kept as the reference the scanner-based {@link
 * TgiEventReader} is checked against (EventReaderDifferentialTest) and measured against (EventReaderBenchmark).
 */
public final class JacksonTgiEventReference {
  private static final JsonFactory JSON = new JsonFactory();

  private JacksonTgiEventReference() {}

  public static void read(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    out.reset();
    JacksonEventEnvelope.readObject(JSON, data, length, out, JacksonTgiEventReference::readTopLevel);
  }

  private static void readTopLevel(JsonParser parser, StreamChunk out) throws IOException, MalformedEventException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("token") && value == JsonToken.START_OBJECT) {
        out.choices(1);
        readToken(parser, out);
      } else if (field.equals("details") && value == JsonToken.START_OBJECT) {
        readDetails(parser, out);
      } else if (field.equals("error") && value != JsonToken.VALUE_NULL) {
        out.errorMessage(value == JsonToken.VALUE_STRING ? EventText.truncate(parser.getText()) : "error");
        parser.skipChildren();
      } else {
        parser.skipChildren();
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedEventException("unexpected JSON token " + parser.currentToken());
    }
  }

  private static void readToken(JsonParser parser, StreamChunk out) throws IOException {
    boolean special = false;
    boolean hasText = false;
    StringBuilder sink = out.textSink();
    int sinkMark = sink == null ? 0 : sink.length();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("text") && value == JsonToken.VALUE_STRING) {
        hasText = parser.getTextLength() > 0;
        if (sink != null) {
          sink.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        }
      } else if (field.equals("special") && value == JsonToken.VALUE_TRUE) {
        special = true;
      } else {
        parser.skipChildren();
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

  private static void readDetails(JsonParser parser, StreamChunk out) throws IOException {
    int prompt = -1;
    int completion = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && field.equals("generated_tokens")) {
        completion = JacksonEventEnvelope.tokenCount(parser);
      } else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("input_length")) {
        prompt = JacksonEventEnvelope.tokenCount(parser);
      } else if (value == JsonToken.START_ARRAY && field.equals("prefill")) {
        int count = countElements(parser);
        // An empty prefill means TGI was not asked for it (decoder_input_details), not an empty prompt.
        if (count > 0 && prompt < 0) {
          prompt = count;
        }
      } else {
        parser.skipChildren();
      }
    }
    if (prompt >= 0 || completion >= 0) {
      out.usage(prompt, completion);
    }
  }

  private static int countElements(JsonParser parser) throws IOException {
    int count = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      count++;
      parser.skipChildren();
    }
    return count;
  }
}
