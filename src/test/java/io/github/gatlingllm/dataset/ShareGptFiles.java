package io.github.gatlingllm.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** ShareGPT JSON written for tests. */
final class ShareGptFiles {
  private static final String[] WORDS =
      "the a river stone light quiet market window harbour engine letter garden morning signal paper road"
          .split(" ");

  private ShareGptFiles() {}

  /** One two-turn entry. */
  static String entry(String id, String prompt, String answer) {
    return "{\"id\": \"" + id + "\", \"conversations\": [{\"from\": \"human\", \"value\": \"" + prompt
        + "\"}, {\"from\": \"gpt\", \"value\": \"" + answer + "\"}]}";
  }

  /**
   * {@code entries} conversations streamed to {@code path}: every 10th has one turn, the others 2 to 4 turns with
   * prompts of 1 to 1200 words and answers of 1 to 1500 words (a few MB per thousand entries).
   */
  static void writeGenerated(Path path, int entries) throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    try (JsonGenerator json = JsonTokens.FACTORY.createGenerator(path.toFile(), JsonEncoding.UTF8)) {
      json.writeStartArray();
      for (int i = 0; i < entries; i++) {
        json.writeStartObject();
        json.writeStringField("id", "g" + i);
        json.writeArrayFieldStart("conversations");
        int turns = i % 10 == 0 ? 1 : 2 + random.nextInt(3);
        for (int t = 0; t < turns; t++) {
          json.writeStartObject();
          json.writeStringField("from", t % 2 == 0 ? "human" : "gpt");
          int words = t % 2 == 0 ? skewed(random, 1200) : skewed(random, 1500);
          json.writeStringField("value", text(random, words));
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
    }
  }

  /** Mostly short, sometimes long: 1 + max * u^3. */
  private static int skewed(SplittableRandom random, int max) {
    double u = random.nextDouble();
    return 1 + (int) (max * u * u * u);
  }

  private static String text(SplittableRandom random, int words) {
    StringBuilder text = new StringBuilder(words * 7);
    for (int w = 0; w < words; w++) {
      text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
