package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected values are CPython 3.11's for the same calls ({@code random.seed(s); random.shuffle(...)} etc.). */
class PythonRandomTest {

  @Test
  void firstWordsMatchCpythonGetrandbits32() {
    PythonRandom random = new PythonRandom(0);
    assertEquals(3626764237L, Integer.toUnsignedLong(random.nextUint32()));
    assertEquals(1654615998L, Integer.toUnsignedLong(random.nextUint32()));
    assertEquals(3255389356L, Integer.toUnsignedLong(random.nextUint32()));
  }

  @Test
  void shuffleMatchesCpython() {
    assertArrayEquals(new int[] {7, 8, 1, 5, 3, 4, 2, 0, 9, 6}, shuffled(0, 10));
    assertArrayEquals(
        new int[] {19, 5, 14, 4, 9, 13, 15, 18, 6, 12, 17, 10, 1, 11, 2, 16, 7, 8, 0, 3}, shuffled(42, 20));
  }

  @Test
  void seedsOver32BitsAndNegativeSeedsAreHashedLikeCpython() {
    assertArrayEquals(new int[] {0, 3, 4, 6, 1, 2, 5}, shuffled((1L << 33) + 5, 7));
    assertArrayEquals(new int[] {0, 2, 3, 6, 5, 4, 1}, shuffled(-3, 7));
    assertArrayEquals(shuffled(3, 7), shuffled(-3, 7));
  }

  @Test
  void longShuffleMatchesCpythonAtBothEnds() {
    int[] order = shuffled(1, 100_000);
    assertArrayEquals(new int[] {63229, 7871, 74587, 59445, 71381}, Arrays.copyOfRange(order, 0, 5));
    assertArrayEquals(new int[] {8271, 74606, 17611}, Arrays.copyOfRange(order, 99_997, 100_000));
  }

  @Test
  void listShuffleAndChoiceMatchCpython() {
    List<Integer> items = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
    new PythonRandom(0).shuffle(items);
    assertEquals(List.of(7, 8, 1, 5, 3, 4, 2, 0, 9, 6), items);

    PythonRandom random = new PythonRandom(0);
    List<Integer> thousand = IntStream.range(0, 1000).boxed().toList();
    List<Integer> picks = IntStream.range(0, 5).mapToObj(i -> random.choice(thousand)).toList();
    assertEquals(List.of(864, 394, 776, 911, 430), picks);
  }

  private static int[] shuffled(long seed, int n) {
    int[] items = IntStream.range(0, n).toArray();
    new PythonRandom(seed).shuffle(items);
    return items;
  }
}
