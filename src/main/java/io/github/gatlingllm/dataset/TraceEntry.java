package io.github.gatlingllm.dataset;

import java.util.Arrays;

/**
 * One request of a trace, as read from its file.
 *
 * @param line the line of the file it was read from (1-based, for messages)
 * @param offsetMs arrival time in ms from the trace's first request (after sorting: never negative)
 * @param inputLength prompt tokens; for an entry with its own {@code prompt}, 0 until the prompt is counted
 * @param outputLength {@code max_tokens} to send
 * @param hashIds ids of the prompt's blocks in order (the same id is the same block of tokens in every request);
 *     empty when the trace gives none
 * @param prompt the prompt to send as written, or null to generate one of {@code inputLength} tokens
 */
public record TraceEntry(long line, double offsetMs, int inputLength, int outputLength, long[] hashIds, String prompt) {

  public TraceEntry {
    hashIds = hashIds.clone();
  }

  /** The same entry at another offset (the trace shifted to its first request, or to a window). */
  TraceEntry at(double newOffsetMs) {
    return new TraceEntry(line, newOffsetMs, inputLength, outputLength, hashIds, prompt);
  }

  @Override
  public long[] hashIds() {
    return hashIds.clone();
  }

  /** The hash id of block {@code index}, without copying the array. */
  long hashId(int index) {
    return hashIds[index];
  }

  int blockCount() {
    return hashIds.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TraceEntry that
        && line == that.line
        && Double.compare(offsetMs, that.offsetMs) == 0
        && inputLength == that.inputLength
        && outputLength == that.outputLength
        && Arrays.equals(hashIds, that.hashIds)
        && java.util.Objects.equals(prompt, that.prompt);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(line, offsetMs, inputLength, outputLength, Arrays.hashCode(hashIds), prompt);
  }

  @Override
  public String toString() {
    return "TraceEntry[line=" + line + ", offsetMs=" + offsetMs + ", inputLength=" + inputLength + ", outputLength="
        + outputLength + ", hashIds=" + Arrays.toString(hashIds) + ", prompt=" + prompt + "]";
  }
}
