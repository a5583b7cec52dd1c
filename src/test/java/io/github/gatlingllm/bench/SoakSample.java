package io.github.gatlingllm.bench;

import java.util.Map;

/**
 * One sample of the soak benchmark. NaN means "not measured" (written as an empty CSV field).
 *
 * @param epochMs wall-clock time of the sample
 * @param elapsedS seconds since the Gatling JVM started
 * @param phase {@code start} (before Gatling's "Simulation ... started"), {@code load}, or {@code end} (after
 *     "Simulation ... completed": the end-of-run reports)
 * @param requests rows of llm-requests.csv so far (finished requests, header excluded)
 * @param gatlingCpuS the Gatling JVM's user + system CPU time so far
 * @param mockCpuS the mock JVM's CPU time so far
 * @param heapAfterFullGcMb heap used after the full collection forced for this sample (the live set)
 * @param fullGcPauseMs that collection's pause
 * @param gcCount collections the JVM ran by itself since the previous sample
 * @param heapAfterGcMinMb least heap used after those collections
 * @param heapAfterGcMaxMb most heap used after those collections
 * @param rssMb the Gatling JVM's resident memory (VmRSS)
 * @param load1 the machine's 1-minute load average
 * @param fileBytes size of each file of the Gatling run folder, by path relative to it
 */
record SoakSample(
    long epochMs,
    double elapsedS,
    String phase,
    long requests,
    double gatlingCpuS,
    double mockCpuS,
    double heapAfterFullGcMb,
    double fullGcPauseMs,
    int gcCount,
    double heapAfterGcMinMb,
    double heapAfterGcMaxMb,
    double rssMb,
    double load1,
    Map<String, Long> fileBytes) {

  /** The heap figure of the sample: after the forced full collection, else the least after the JVM's own. */
  double heapMb() {
    return Double.isNaN(heapAfterFullGcMb) ? heapAfterGcMinMb : heapAfterFullGcMb;
  }
}
