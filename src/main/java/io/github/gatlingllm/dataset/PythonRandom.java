package io.github.gatlingllm.dataset;

import java.util.List;

/**
 * The parts of Python's {@code random} module that vLLM's dataset sampling uses ({@code seed}, {@code shuffle},
 * {@code choice}), reimplemented so that the same seed gives the same order as {@code vllm bench serve}: a Mersenne
 * Twister (MT19937) seeded from the integer's 32-bit words like CPython's {@code random.seed(int)}, and CPython's
 * rejection sampling for {@code _randbelow}. Not thread-safe.
 */
final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;

  private final int[] mt = new int[N];
  private int index = N;

  /** The generator after Python's {@code random.seed(seed)}. */
  PythonRandom(long seed) {
    initByArray(seedWords(seed));
  }

  /** Python's {@code random.getrandbits(32)}. */
  int nextUint32() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** Python's {@code random._randbelow(n)}: uniform in [0, n). */
  int randBelow(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    int bits = 32 - Integer.numberOfLeadingZeros(n);
    while (true) {
      int r = nextUint32() >>> (32 - bits);
      if (r < n) {
        return r;
      }
    }
  }

  /** Python's {@code random.shuffle(items)}, in place. */
  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = randBelow(i + 1);
      items.set(i, items.set(j, items.get(i)));
    }
  }

  /** Python's {@code random.shuffle} of an int array, in place. */
  void shuffle(int[] items) {
    for (int i = items.length - 1; i > 0; i--) {
      int j = randBelow(i + 1);
      int swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
  }

  /** Python's {@code random.choice(items)}. */
  <T> T choice(List<T> items) {
    return items.get(randBelow(items.size()));
  }

  /** CPython hashes an int seed by its absolute value, split into little-endian 32-bit words ([0] for 0). */
  private static int[] seedWords(long seed) {
    long magnitude = seed == Long.MIN_VALUE ? seed : Math.abs(seed); // 2^63 as an unsigned long
    int low = (int) magnitude;
    int high = (int) (magnitude >>> 32);
    return high == 0 ? new int[] {low} : new int[] {low, high};
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private void twist() {
    for (int k = 0; k < N; k++) {
      int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
      int next = mt[(k + M) % N] ^ (y >>> 1);
      mt[k] = (y & 1) == 0 ? next : next ^ 0x9908b0df;
    }
    index = 0;
  }
}
