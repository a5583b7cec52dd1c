package io.github.gatlingllm.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The OpenAI event reader as it was on Jackson's streaming parser, kept as the reference the scanner-based {@link
 * OpenAiEventReader} is checked against (EventReaderDifferentialTest) and measured against (EventReaderBenchmark).
 */
public final class JacksonOpenAiEventReference {
  private static final JsonFactory JSON = new JsonFactory();

  private JacksonOpenAiEventReference() {}

  public static void read(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    out.reset();
    if (OpenAiEventReader.isDone(data, length)) {
      out.markDone();
      return;
    }
    JacksonEventEnvelope.readObject(JSON, data, length, out, JacksonOpenAiEventReference::readTopLevel);
  }

  private static void readTopLevel(JsonParser parser, StreamChunk out) throws IOException, MalformedEventException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "choices" -> {
          if (value == JsonToken.START_ARRAY) {
            out.choices(readChoices(parser, out));
          } else {
            parser.skipChildren();
          }
        }
        case "usage" -> {
          if (value == JsonToken.START_OBJECT) {
            readUsage(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "error" -> out.errorMessage(readError(parser, value));
        case "timings" -> {
          if (value == JsonToken.START_OBJECT) {
            readIntegerField(parser, "cache_n", out::cachedTokensFromTimings);
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedEventException("unexpected JSON token " + parser.currentToken());
    }
  }

  private static int readChoices(JsonParser parser, StreamChunk out) throws IOException {
    int count = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      count++;
      if (token == JsonToken.START_OBJECT) {
        readChoice(parser, out);
      } else {
        parser.skipChildren();
      }
    }
    return count;
  }

  private static void readChoice(JsonParser parser, StreamChunk out) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("text") && value == JsonToken.VALUE_STRING) {
        readVisibleText(parser, out);
      } else if (field.equals("delta") && value == JsonToken.START_OBJECT) {
        readDelta(parser, out);
      } else {
        parser.skipChildren();
      }
    }
  }

  private static void readDelta(JsonParser parser, StreamChunk out) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("content") && value == JsonToken.VALUE_STRING) {
        readVisibleText(parser, out);
      } else if (field.equals("tool_calls") && value == JsonToken.START_ARRAY) {
        // A tool call is output the user sees (arguments stream as tokens), but not text to capture.
        out.markVisibleContent();
        parser.skipChildren();
      } else if ((field.equals("reasoning_content") || field.equals("reasoning")) && value == JsonToken.VALUE_STRING) {
        // Reasoning is output, but not visible output: the chunk counts for TTFT/ITL, not for TTFO.
        if (parser.getTextLength() > 0) {
          out.markReasoningContent();
          StringBuilder sink = out.reasoningSink();
          if (sink != null) {
            sink.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
          }
        }
      } else {
        // role, refusal, ...
        parser.skipChildren();
      }
    }
  }

  private static void readVisibleText(JsonParser parser, StreamChunk out) throws IOException {
    if (parser.getTextLength() > 0) {
      out.markVisibleContent();
      StringBuilder sink = out.textSink();
      if (sink != null) {
        sink.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      }
    }
  }

  private static void readUsage(JsonParser parser, StreamChunk out) throws IOException {
    int prompt = -1;
    int completion = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && field.equals("prompt_tokens")) {
        prompt = JacksonEventEnvelope.tokenCount(parser);
      } else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("completion_tokens")) {
        completion = JacksonEventEnvelope.tokenCount(parser);
      } else if (value == JsonToken.START_OBJECT && field.equals("completion_tokens_details")) {
        readIntegerField(parser, "reasoning_tokens", out::reasoningTokens);
      } else if (value == JsonToken.START_OBJECT && field.equals("prompt_tokens_details")) {
        readIntegerField(parser, "cached_tokens", out::cachedTokensFromUsage);
      } else {
        parser.skipChildren();
      }
    }
    out.usage(prompt, completion);
  }

  /**
   * An object of which one integer member is kept ({@code completion_tokens_details.reasoning_tokens},
   * {@code prompt_tokens_details.cached_tokens}, {@code timings.cache_n}).
   */
  private static void readIntegerField(JsonParser parser, String name, java.util.function.IntConsumer sink)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && field.equals(name)) {
        sink.accept(JacksonEventEnvelope.tokenCount(parser));
      } else {
        parser.skipChildren();
      }
    }
  }

  private static String readError(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return EventText.truncate(parser.getText());
    }
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return value == JsonToken.VALUE_NULL ? null : "error";
    }
    String message = "error";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken fieldValue = parser.nextToken();
      if (field.equals("message") && fieldValue == JsonToken.VALUE_STRING) {
        message = EventText.truncate(parser.getText());
      } else {
        parser.skipChildren();
      }
    }
    return message;
  }
}
