package io.github.gatlingllm.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;

/**
 * The ids of a Hugging Face {@code tokenizer.json}, read with Jackson (DJL has no API for them): the base vocabulary
 * ({@code model.vocab}, an object of token to id or, for Unigram models, an array of pieces) and the
 * {@code added_tokens}, some of them special.
 */
final class TokenizerVocabulary {
  private static final JsonFactory JSON = new JsonFactory();

  private final BitSet baseIds = new BitSet();
  private final BitSet addedIds = new BitSet();
  private final BitSet specialIds = new BitSet();

  private TokenizerVocabulary() {}

  /** Reads the ids of {@code json}; {@code source} names it in errors. */
  static TokenizerVocabulary read(byte[] json, String source) {
    TokenizerVocabulary vocabulary = new TokenizerVocabulary();
    boolean sawVocab;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw invalid(source, "a JSON object");
      }
      sawVocab = vocabulary.readTopLevel(parser);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Not a valid tokenizer.json: '" + source + "' (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read tokenizer.json '" + source + "': " + e.getMessage(), e);
    }
    if (!sawVocab) {
      throw invalid(source, "a model.vocab");
    }
    return vocabulary;
  }

  /** Distinct ids: base vocabulary plus added tokens (Python's {@code len(tokenizer)}). */
  int size() {
    BitSet all = (BitSet) baseIds.clone();
    all.or(addedIds);
    return all.cardinality();
  }

  /** Base vocabulary size (Python's {@code tokenizer.vocab_size}). */
  int baseSize() {
    return baseIds.cardinality();
  }

  /** Base-vocabulary ids that are not special tokens, ascending. */
  int[] sampleableIds() {
    BitSet ids = (BitSet) baseIds.clone();
    ids.andNot(specialIds);
    return ids.stream().toArray();
  }

  private boolean readTopLevel(JsonParser parser) throws IOException {
    boolean sawVocab = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("model") && value == JsonToken.START_OBJECT) {
        sawVocab |= readModel(parser);
      } else if (field.equals("added_tokens") && value == JsonToken.START_ARRAY) {
        readAddedTokens(parser);
      } else {
        parser.skipChildren();
      }
    }
    return sawVocab;
  }

  private boolean readModel(JsonParser parser) throws IOException {
    boolean sawVocab = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("vocab") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          parser.nextToken();
          baseIds.set(parser.getIntValue());
        }
        sawVocab = true;
      } else if (field.equals("vocab") && value == JsonToken.START_ARRAY) {
        int id = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          parser.skipChildren();
          baseIds.set(id++);
        }
        sawVocab = true;
      } else {
        parser.skipChildren();
      }
    }
    return sawVocab;
  }

  private void readAddedTokens(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      int id = -1;
      boolean special = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("id") && value == JsonToken.VALUE_NUMBER_INT) {
          id = parser.getIntValue();
        } else if (field.equals("special")) {
          special = value == JsonToken.VALUE_TRUE;
        } else {
          parser.skipChildren();
        }
      }
      if (id >= 0) {
        addedIds.set(id);
        if (special) {
          specialIds.set(id);
        }
      }
    }
  }

  private static IllegalArgumentException invalid(String source, String missing) {
    return new IllegalArgumentException("Not a valid tokenizer.json: '" + source + "' (expected " + missing + ")");
  }
}
