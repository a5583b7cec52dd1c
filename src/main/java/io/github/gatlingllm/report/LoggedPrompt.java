package io.github.gatlingllm.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The prompt as {@code llm-requests.jsonl} stores it: the JSON as sent, with every string that is a whole
 * {@code data:} URL replaced by its {@link DataUrlDigest} descriptor. Runs on the file writer's thread (the line
 * format of {@link RequestJsonlWriter}), never on an event loop: hashing a 1 MB image takes milliseconds.
 */
final class LoggedPrompt {
  private static final JsonFactory FACTORY = new JsonFactory();

  private LoggedPrompt() {}

  /** {@code json} with its data URLs described; unchanged (same instance) when it holds none. */
  static String shorten(String json) {
    if (!json.contains("\"data:")) {
      return json; // the common text-only prompt: no parsing
    }
    StringWriter out = new StringWriter(256);
    try (JsonParser parser = FACTORY.createParser(json);
        JsonGenerator g = FACTORY.createGenerator(out)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.VALUE_STRING && DataUrlDigest.isDataUrl(parser.getText())) {
          g.writeString(DataUrlDigest.describe(parser.getText()));
        } else {
          g.copyCurrentEvent(parser);
        }
      }
    } catch (IOException e) {
      return json; // not JSON after all (our own bodies always are): keep it whole rather than lose the line
    }
    return out.toString();
  }
}
