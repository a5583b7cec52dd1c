package io.github.gatlingllm.protocol;

/**
 * How inter-token latency reaches Gatling's own stats as {@code <name> ITL} group records. The exact pooled ITL (every
 * gap, sub-millisecond) is always in the LLM summary whatever is chosen here.
 *
 * <p>Each Gatling record costs about 22 bytes of simulation.log, for the whole run: a 500-token answer is about 110
 * bytes per request with {@link #REQUEST_MEAN} and about 11 KB with {@link #EVERY_GAP} (BENCHMARKS.md). So the
 * default is {@link #REQUEST_MEAN}, which keeps a day-long soak's log bounded per request whatever the answers' length.
 */
public enum ItlStats {
  /**
   * One Gatling record per gap between consecutive chunks of a successful request: Gatling's ITL percentiles then
   * describe the same population as vLLM's pooled ITL (rounded to whole ms by Gatling). Costs one record per chunk,
   * so simulation.log grows with the output length: for short runs that want Gatling's own pooled ITL percentiles.
   */
  EVERY_GAP,
  /**
   * The default: one record per successful request holding its mean gap (first to last chunk over the gaps). Gatling's
   * ITL percentiles are then over requests, not gaps: a mean hides a stall inside a request, which the summary's pooled
   * ITL percentiles (and each request's maximum gap in llm-requests.csv) still show.
   */
  REQUEST_MEAN,
  /** No ITL records in Gatling's stats. */
  NONE
}
