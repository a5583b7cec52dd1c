package io.github.gatlingllm.mock;

import java.util.Arrays;

/**
 * A growable array of {@code long} samples with one writer thread and any number of readers, without locks.
 *
 * <p>The writer stores the value, then publishes the new size with a volatile store; a reader loads the size, then
 * the array (volatile): every element below the size it saw is then visible, and a newer array
 * still holds them because growth copies before it publishes. Recording is a plain store plus a volatile one, and the
 * samples stay raw so that percentiles can be exact.
 *
 * <p>Bounded: past {@link #MAX_SAMPLES} the log keeps its first samples and counts the rest as {@link #dropped()}, so
 * an embedded mock under a day-long soak costs a fixed amount of memory (8 MB per log) rather than 8 bytes per token.
 */
final class SampleLog {
  /** Most samples kept: a million tokens per event loop is more than an accuracy benchmark needs. */
  static final int MAX_SAMPLES = 1 << 20;

  private volatile long[] values = new long[256];
  /**
   * A plain volatile rather than a VarHandle release store: the first use of a VarHandle links it (milliseconds of
   * class loading on the event loop, which showed as a late first token), and a volatile store per sample costs a
   * few nanoseconds at the tens of thousands of chunks per second a benchmark writes.
   */
  private volatile int size;

  private volatile long dropped;

  /** Writer thread only. */
  void add(long value) {
    int n = size;
    if (n >= MAX_SAMPLES) {
      dropped++; // one writer: a plain increment of a volatile is safe here
      return;
    }
    long[] array = values;
    if (n == array.length) {
      array = Arrays.copyOf(array, n * 2);
      values = array;
    }
    array[n] = value;
    size = n + 1;
  }

  /** Writer thread only: forgets the samples but keeps the array (a benchmark refills it to the same size). */
  void clear() {
    size = 0;
    dropped = 0;
  }

  /** Any thread: samples not kept because the log was full. */
  long dropped() {
    return dropped;
  }

  /** Any thread: the number of samples published so far. */
  int size() {
    return size;
  }

  /** Any thread: copies the first {@code count} samples (count at most a {@link #size()} read before) into dest. */
  void copyTo(int count, long[] dest, int offset) {
    System.arraycopy(values, 0, dest, offset, count);
  }
}
