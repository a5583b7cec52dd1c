package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GoodputSloTest {

  @Test
  void parsesAllThreeWithCommasAndOrSpaces() {
    GoodputSlo a = GoodputSlo.parse("ttft:500,tpot:50,e2el:2000");
    GoodputSlo b = GoodputSlo.parse("  e2el:2000 ttft:500 ,  tpot:50 ");
    assertEquals(OptionalDouble.of(500), a.ttftMs());
    assertEquals(OptionalDouble.of(50), a.tpotMs());
    assertEquals(OptionalDouble.of(2000), a.e2elMs());
    assertEquals(a, b);
    assertEquals(Map.of("ttft", 500.0, "tpot", 50.0, "e2el", 2000.0), b.asMap());
    assertEquals("ttft:500,tpot:50,e2el:2000", b.toString());
  }

  @Test
  void acceptsAnySubsetAndFractions() {
    GoodputSlo slo = GoodputSlo.parse("tpot:12.5");
    assertEquals(OptionalDouble.empty(), slo.ttftMs());
    assertEquals(OptionalDouble.of(12.5), slo.tpotMs());
    assertEquals("tpot:12.5", slo.toString());
  }

  @Test
  void parseOrNullTreatsBlankAsNotRequested() {
    assertNull(GoodputSlo.parseOrNull(null));
    assertNull(GoodputSlo.parseOrNull("  "));
  }

  @Test
  void errorsNameTheBadPairAndWhatIsAccepted() {
    String expected = ": expected comma-separated ttft:<ms>, tpot:<ms>, e2el:<ms>";
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> GoodputSlo.parse("ttft:500,foo:1"));
    assertTrue(unknown.getMessage().startsWith("Invalid goodput SLO 'foo:1'" + expected), unknown.getMessage());
    for (String bad : new String[] {"ttft:abc", "ttft:0", "ttft:-5", "ttft:", "ttft", "ttft:1:2", "ttft:Infinity",
        "ttft:NaN"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoodputSlo.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("Invalid goodput SLO '" + bad + "'" + expected), e.getMessage());
    }
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> GoodputSlo.parse("ttft:1,ttft:2"));
    assertTrue(twice.getMessage().startsWith("Invalid goodput SLO 'ttft:2'"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GoodputSlo.parse(""));
    assertThrows(IllegalArgumentException.class, () -> GoodputSlo.parse(" , "));
  }

  @Test
  void aRequestIsGoodWhenEachGivenValueIsAtMostItsLimit() {
    GoodputSlo slo = GoodputSlo.parse("ttft:100,e2el:1000");
    assertTrue(slo.isGood(100, 999_999, 1000)); // limits are inclusive; TPOT is not constrained here
    assertFalse(slo.isGood(100.001, 0, 10));
    assertFalse(slo.isGood(1, 0, 1000.5));
    GoodputSlo tpot = GoodputSlo.parse("tpot:10");
    assertTrue(tpot.isGood(1e9, 0, 1e9)); // TPOT 0 is how a one-token request is judged, as in vLLM
    assertFalse(tpot.isGood(0, 10.5, 0));
  }
}
