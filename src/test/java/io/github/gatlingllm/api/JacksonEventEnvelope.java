package io.github.gatlingllm.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** What both Jackson reference readers did around their own fields: one object, nothing after it, errors worded. */
final class JacksonEventEnvelope {
  @FunctionalInterface
  interface Fields {
    void read(JsonParser parser, StreamChunk out) throws IOException, MalformedEventException;
  }

  /** A usage count out of range, carried out of the field readers to be worded with the event's preview. */
  static final class BadTokenCount extends IOException {
    private static final long serialVersionUID = 1L;
    final int value;

    BadTokenCount(int value) {
      this.value = value;
    }
  }

  private JacksonEventEnvelope() {}

  /** The scanner's rule for usage counts: 0 to {@link JsonEventScanner#MAX_TOKEN_COUNT}, else malformed. */
  static int tokenCount(JsonParser parser) throws IOException {
    int value = parser.getIntValue();
    if (value < 0 || value > JsonEventScanner.MAX_TOKEN_COUNT) {
      throw new BadTokenCount(value);
    }
    return value;
  }

  static void readObject(JsonFactory json, byte[] data, int length, StreamChunk out, Fields fields)
      throws MalformedEventException {
    try (JsonParser parser = json.createParser(data, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedEventException("event data is not a JSON object: " + EventText.preview(data, length));
      }
      fields.read(parser, out);
      if (parser.nextToken() != null) {
        throw new MalformedEventException("trailing content after the JSON object: " + EventText.preview(data, length));
      }
    } catch (BadTokenCount e) {
      throw new MalformedEventException(
          "usage token count " + e.value + " is not in 0.." + JsonEventScanner.MAX_TOKEN_COUNT + ": "
              + EventText.preview(data, length));
    } catch (IOException e) {
      throw new MalformedEventException("event data is not valid JSON: " + EventText.preview(data, length));
    }
  }
}
