package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped IPEX sample is cut to exact token counts with the shipped tokenizer, as its keys say. */
class ShippedSamplesTest {

  @Test
  void everyIpexPromptHasExactlyItsKeysTokenCountWithQwen3() throws Exception {
    TextTokenizer qwen3 = Tokenizers.load("datasets/tokenizers/qwen3");
    JsonNode root = new ObjectMapper().readTree(Path.of("datasets/ipex-prompt.json").toFile());
    int checked = 0;
    for (var family : (Iterable<java.util.Map.Entry<String, JsonNode>>) root.properties()::iterator) {
      for (var size : (Iterable<java.util.Map.Entry<String, JsonNode>>) family.getValue().properties()::iterator) {
        assertEquals(
            Integer.parseInt(size.getKey()),
            qwen3.count(size.getValue().asText()),
            family.getKey() + " / " + size.getKey());
        checked++;
      }
    }
    assertEquals(6, checked);
  }
}
