package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fleet arithmetic: shares that add up, disjoint request ids and prompts. */
class InjectorTest {

  private static List<Injector> fleet(int n) {
    return IntStream.range(0, n).mapToObj(i -> new Injector("run-1", i, n)).toList();
  }

  @Test
  void sharesAddUpWithTheRemainderToTheFirstOnes() {
    assertEquals(List.of(4, 3, 3), fleet(3).stream().map(i -> i.share(10)).toList());
    assertEquals(List.of(50, 50, 50), fleet(3).stream().map(i -> i.share(150)).toList());
    assertEquals(List.of(1, 1, 0), fleet(3).stream().map(i -> i.share(2)).toList());
    for (int n = 1; n <= 7; n++) {
      for (int total = 0; total <= 40; total++) {
        int t = total;
        assertEquals(total, fleet(n).stream().mapToInt(i -> i.share(t)).sum(), n + " injectors, " + total);
      }
    }
    assertEquals(10.0, new Injector("r", 2, 3).share(30.0));
    assertEquals(Double.POSITIVE_INFINITY, new Injector("r", 0, 3).share(Double.POSITIVE_INFINITY));
  }

  @Test
  void aShareAmongTheFirstInjectorsLeavesTheOthersNothing() {
    // 10 requests of a level of 2 users, 3 injectors: the third has no user, the two others take the requests.
    assertEquals(List.of(5, 5, 0), fleet(3).stream().map(i -> i.share(10, 2)).toList());
    assertEquals(List.of(4, 3, 0), fleet(3).stream().map(i -> i.share(7, 2)).toList());
  }

  @Test
  void requestIdsAreDisjointAndCoverOneToN() {
    Set<Long> all = new HashSet<>();
    for (Injector injector : fleet(3)) {
      for (long n = 1; n <= 50; n++) {
        assertTrue(all.add(injector.requestId(n)), "id " + injector.requestId(n) + " taken twice");
      }
    }
    assertEquals(150, all.size());
    assertEquals(1, all.stream().mapToLong(Long::longValue).min().getAsLong());
    assertEquals(150, all.stream().mapToLong(Long::longValue).max().getAsLong());
    assertEquals(List.of(2L, 5L, 8L), List.of(fleet(3).get(1).requestId(1), fleet(3).get(1).requestId(2),
        fleet(3).get(1).requestId(3)));
    assertEquals(7, Injector.alone().requestId(7), "alone: 1, 2, 3 ...");
  }

  @Test
  void strideTakesDisjointItemsThatTogetherAreTheWhole() {
    List<Integer> all = IntStream.range(0, 10).boxed().toList();
    List<Integer> merged = new ArrayList<>();
    for (Injector injector : fleet(3)) {
      List<Integer> mine = injector.stride(all);
      assertEquals(injector.share(10), mine.size());
      merged.addAll(mine);
    }
    assertEquals(all, merged.stream().sorted().toList());
    assertEquals(List.of(1, 4, 7), fleet(3).get(1).stride(all));
    assertArrayEquals(new double[] {0.5, 2.0}, fleet(2).get(1).stride(new double[] {0, 0.5, 1, 2}));
  }

  @Test
  void seedsDifferAcrossTheFleet() {
    assertEquals(List.of(7L, 8L, 9L), fleet(3).stream().map(i -> i.seed(7)).toList());
  }

  @Test
  void anIndexOutOfRangeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Injector("r", 3, 3));
    assertEquals("the injector index must be in [0, 3) for 3 injectors, got 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Injector("r", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Injector(" ", 0, 1));
  }
}
