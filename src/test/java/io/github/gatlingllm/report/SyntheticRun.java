package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plausible, seeded run for size tests and the visual preview: scenarios run one after the other (the steps of a
 * concurrency sweep), each with a client-side cap, prompts of varied length, TTFT growing with prompt length and
 * load, a few stalls, HTTP 503 bursts and idle timeouts.
 */
final class SyntheticRun {
  static final long T0 = 7_000_000_000_000L;
  private static final long MS = 1_000_000L;

  private SyntheticRun() {}

  /**
   * @param perScenario requests per scenario
   * @param concurrency one scenario per entry, named "concurrency N"
   * @param outputTokens output tokens (one chunk each) per request
   */
  static List<RequestRecord> generate(int perScenario, int[] concurrency, int outputTokens, long seed) {
    Random rnd = new Random(seed);
    List<RequestRecord> records = new ArrayList<>();
    long stepStart = T0;
    long id = 0;
    for (int c : concurrency) {
      String scenario = "concurrency " + c;
      long[] slotFree = new long[c];
      java.util.Arrays.fill(slotFree, stepStart);
      long arrival = stepStart;
      long stepEnd = stepStart;
      for (int i = 0; i < perScenario; i++) {
        // Arrivals at about 95% of what c slots serve (E2EL about 1.6 s), so queues come and go.
        arrival += (long) (-Math.log(1 - rnd.nextDouble()) * 1700.0 / c * MS);
        int slot = 0;
        for (int s = 1; s < c; s++) {
          if (slotFree[s] < slotFree[slot]) {
            slot = s;
          }
        }
        long send = Math.max(arrival, slotFree[slot]);
        int prompt = 64 + rnd.nextInt(1900);
        RequestRecord r = new RequestRecord("chat");
        r.origin(scenario, i % c, ++id);
        r.intended(arrival);
        r.sent(send);
        r.promptTokens(prompt, TokenSource.USAGE);
        r.httpStatus(200);
        long t = send + (long) ((20 + prompt * 0.04 + c * 0.6 + rnd.nextGaussian() * 4) * MS);
        boolean http503 = rnd.nextDouble() < 0.01 + (c > 32 ? 0.03 : 0);
        boolean stall = !http503 && rnd.nextDouble() < 0.004;
        if (http503) {
          r.httpStatus(503);
          r.failed(ErrorCategory.HTTP_STATUS, "Service Unavailable");
          r.ended(send + 5 * MS);
        } else {
          double tpot = 12 + c * 0.15 + rnd.nextGaussian() * 0.8;
          int out = outputTokens / 2 + rnd.nextInt(outputTokens / 2 + 1);
          boolean idle = rnd.nextDouble() < 0.003;
          for (int k = 0; k < out; k++) {
            r.chunk(t);
            t += (long) (Math.max(0.5, tpot + rnd.nextGaussian() * 2 + (stall && k == out / 2 ? 900 : 0)) * MS);
            if (idle && k == out / 3) {
              break;
            }
          }
          if (idle) {
            r.failed(ErrorCategory.IDLE_TIMEOUT, "no byte for 2000 ms");
            r.ended(r.lastChunkNanos() + 2000 * MS);
          } else {
            r.outputTokens(out, TokenSource.USAGE);
            r.ended(r.lastChunkNanos() + MS);
          }
        }
        slotFree[slot] = r.endNanos();
        stepEnd = Math.max(stepEnd, r.endNanos());
        records.add(r);
      }
      stepStart = stepEnd + 1000 * MS;
    }
    return records;
  }
}
