package io.github.gatlingllm.metrics;

import java.util.Arrays;

/** A min-heap of primitive longs (no boxing: the peak sweeps push two values per request). Not thread-safe. */
final class LongHeap {
  private long[] heap = new long[64];
  private int size;

  void add(long value) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= value) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = value;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The smallest value; the heap must not be empty. */
  long peek() {
    return heap[0];
  }

  /** Removes and returns the smallest value; the heap must not be empty. */
  long poll() {
    long top = heap[0];
    long last = heap[--size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= last) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    if (size < heap.length / 4 && heap.length > 64) {
      heap = Arrays.copyOf(heap, heap.length / 2); // a burst of requests in flight must not pin its memory
    }
    return top;
  }
}
