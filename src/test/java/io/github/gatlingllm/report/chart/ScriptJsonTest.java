package io.github.gatlingllm.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {
  @Test
  void textCannotCloseTheScriptElementAndStillParsesBack() throws Exception {
    String nasty = "</script><script>alert(1)</script> <!-- & \u2028 \"q\" \\ \n";
    String json = ScriptJson.write(Map.of("name", nasty));
    assertFalse(json.contains("<"), json);
    assertFalse(json.contains(">"), json);
    assertFalse(json.contains("&"), json);
    assertFalse(json.contains("\u2028"), json);
    assertEquals(nasty, new ObjectMapper().readTree(json).get("name").asText());
  }

  @Test
  void numbersAreShortAndNonFiniteOnesAreNull() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("d", new double[] {1.0, 0.1 + 0.2, 2.0 / 3, -0.0001, Double.NaN, Double.POSITIVE_INFINITY, 1e6});
    m.put("l", new long[] {1, -2});
    m.put("i", new int[] {3});
    m.put("list", List.of(1, 2.5, "x", true));
    m.put("nothing", null);
    String json = ScriptJson.write(m);
    assertEquals("{\"d\":[1,0.3,0.667,0,null,null,1000000],\"l\":[1,-2],\"i\":[3],"
        + "\"list\":[1,2.5,\"x\",true],\"nothing\":null}", json);
    JsonNode parsed = new ObjectMapper().readTree(json);
    assertEquals(0.667, parsed.get("d").get(2).asDouble());
    assertEquals(List.of(1, -2), Arrays.asList(parsed.get("l").get(0).asInt(), parsed.get("l").get(1).asInt()));
  }
}
