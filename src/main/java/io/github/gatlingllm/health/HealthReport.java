package io.github.gatlingllm.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the load generator says about its own measurements once the load is over: the {@code measurement_health}
 * object of {@code llm-summary.json}, the flat keys an {@code llm.assert} clause can gate on, the console line, and
 * the plain sentence when the client itself was the bottleneck.
 *
 * @param lag event-loop lag over the load, all loops together
 * @param gc stop-the-world GC pauses during the load
 * @param jitMillis JIT compile time during the load (-1: not measured), and in its first 10 s
 * @param cpu the process's CPU use during the load
 * @param flags the requests judged against the stalls
 * @param thresholdNanos the lag above which a loop stall flags requests ({@code llm.healthLagThresholdMs})
 * @param longest the longest stalls, longest first
 * @param originNanos the run's time origin (that of {@code llm-requests.csv}'s times)
 * @param timeline the bounded time series
 * @param bucketSeconds the width of one bucket of {@code timeline}
 */
public record HealthReport(
    Lag lag,
    Gc gc,
    Jit jitMillis,
    Cpu cpu,
    Flags flags,
    long thresholdNanos,
    List<Stall> longest,
    long originNanos,
    List<HealthTimeline.Bucket> timeline,
    double bucketSeconds) {
  public static final String KEY = "measurement_health";
  /** The flat keys of llm-summary.json that SLO checks may use. */
  public static final Set<String> NUMERIC_KEYS =
      Set.of("health_flagged_requests", "health_flagged_gc", "health_flagged_lag", "event_loop_lag_p99_ms",
          "event_loop_lag_max_ms", "gc_pause_total_ms", "gc_pause_max_ms", "client_cpu_percent", "jit_compile_ms");
  /** The client is the bottleneck above this share of its cores... */
  static final double BOTTLENECK_CPU_FRACTION = 0.9;
  /** ...or when its loops run this late at p99: every read then waits that long before it is stamped. */
  static final double BOTTLENECK_LAG_P99_MS = 5;

  record Lag(int loops, long samples, long probePeriodNanos, long p50Nanos, long p99Nanos, long maxNanos,
      long stallsOverThreshold) {}

  record Gc(long pauses, long totalNanos, long maxNanos) {}

  record Jit(long totalMillis, long firstTenSecondsMillis) {}

  /** @param cpuNanos process CPU time, -1 when unknown */
  record Cpu(long cpuNanos, long wallNanos, int cores, double peakBusyCores) {
    double busyCores() {
      return cpuNanos < 0 || wallNanos <= 0 ? 0 : cpuNanos / (double) wallNanos;
    }

    double percent() {
      return cores <= 0 ? 0 : 100 * busyCores() / cores;
    }
  }

  record Flags(long judged, long total, long gc, long lag, long judgedEarly, long stallsEvicted) {}

  /** Why the client limited its own measurements, or empty when it did not. */
  public Optional<String> bottleneckReason() {
    List<String> reasons = new ArrayList<>();
    if (cpu.cpuNanos() >= 0 && cpu.busyCores() > BOTTLENECK_CPU_FRACTION * cpu.cores()) {
      reasons.add(String.format(Locale.ROOT, "client CPU %.0f %% of %d cores", cpu.percent(), cpu.cores()));
    }
    if (lag.samples() > 0 && ms(lag.p99Nanos()) > BOTTLENECK_LAG_P99_MS) {
      reasons.add(String.format(Locale.ROOT, "event-loop lag p99 %.1f ms", ms(lag.p99Nanos())));
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", reasons));
  }

  /** The one sentence for the console and the HTML report when the client was the bottleneck. */
  public Optional<String> bottleneckSentence() {
    return bottleneckReason().map(reason ->
        "The load generator was a bottleneck (" + reason + "): its own queueing is in these latencies, not only the"
            + " server's. Give it more cores, run fewer concurrent streams per JVM, or spread the load over a fleet"
            + " of injectors.");
  }

  /** The console line. */
  public String consoleLine() {
    StringBuilder sb = new StringBuilder("Measurement health: ");
    if (lag.samples() > 0) {
      sb.append(String.format(Locale.ROOT, "loop lag p99 %s ms (max %s)", round(ms(lag.p99Nanos())),
          round(ms(lag.maxNanos()))));
    } else {
      sb.append("loop lag not sampled");
    }
    sb.append(String.format(Locale.ROOT, ", GC %d pause%s", gc.pauses(), gc.pauses() == 1 ? "" : "s"));
    if (gc.pauses() > 0) {
      sb.append(" (max ").append(round(ms(gc.maxNanos()))).append(" ms)");
    }
    if (jitMillis.totalMillis() >= 0) {
      sb.append(String.format(Locale.ROOT, ", JIT %.1f s", jitMillis.totalMillis() / 1e3));
    }
    if (cpu.cpuNanos() >= 0) {
      sb.append(String.format(Locale.ROOT, ", client CPU %.0f %% of %d cores", cpu.percent(), cpu.cores()));
    }
    sb.append("; ").append(flags.total()).append(flags.total() == 1 ? " request" : " requests")
        .append(" overlapped a stall");
    if (flags.total() > 0) {
      sb.append(String.format(Locale.ROOT, " (%d a GC pause, %d a loop stall over %s ms)", flags.gc(), flags.lag(),
          round(ms(thresholdNanos))));
    }
    return sb.toString();
  }

  /** The flat keys (see {@link #NUMERIC_KEYS}), beside the nested object. */
  public Map<String, Object> flatFacts() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("health_flagged_requests", flags.total());
    out.put("health_flagged_gc", flags.gc());
    out.put("health_flagged_lag", flags.lag());
    out.put("event_loop_lag_p99_ms", ms(lag.p99Nanos()));
    out.put("event_loop_lag_max_ms", ms(lag.maxNanos()));
    out.put("gc_pause_total_ms", ms(gc.totalNanos()));
    out.put("gc_pause_max_ms", ms(gc.maxNanos()));
    if (cpu.cpuNanos() >= 0) {
      out.put("client_cpu_percent", cpu.percent());
    }
    if (jitMillis.totalMillis() >= 0) {
      out.put("jit_compile_ms", jitMillis.totalMillis());
    }
    return out;
  }

  /** The {@code measurement_health} object. */
  public Map<String, Object> json() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sample_period_ms", ms(HealthSampler.PERIOD_NANOS));
    Map<String, Object> loops = new LinkedHashMap<>();
    loops.put("loops", lag.loops());
    loops.put("probe_period_ms", ms(lag.probePeriodNanos()));
    loops.put("samples", lag.samples());
    loops.put("p50_ms", ms(lag.p50Nanos()));
    loops.put("p99_ms", ms(lag.p99Nanos()));
    loops.put("max_ms", ms(lag.maxNanos()));
    loops.put("stalls_over_threshold", lag.stallsOverThreshold());
    out.put("event_loop_lag", loops);
    Map<String, Object> pauses = new LinkedHashMap<>();
    pauses.put("pauses", gc.pauses());
    pauses.put("total_ms", ms(gc.totalNanos()));
    pauses.put("max_ms", ms(gc.maxNanos()));
    out.put("gc", pauses);
    Map<String, Object> jit = new LinkedHashMap<>();
    jit.put("compile_ms", jitMillis.totalMillis() >= 0 ? jitMillis.totalMillis() : null);
    jit.put("compile_ms_first_10_s", jitMillis.totalMillis() >= 0 ? jitMillis.firstTenSecondsMillis() : null);
    out.put("jit", jit);
    Map<String, Object> client = new LinkedHashMap<>();
    boolean known = cpu.cpuNanos() >= 0;
    client.put("cpu_seconds", known ? cpu.cpuNanos() / 1e9 : null);
    client.put("wall_seconds", cpu.wallNanos() / 1e9);
    client.put("busy_cores_mean", known ? cpu.busyCores() : null);
    client.put("busy_cores_peak", known ? cpu.peakBusyCores() : null);
    client.put("cores_available", cpu.cores());
    client.put("percent_of_cores", known ? cpu.percent() : null);
    out.put("cpu", client);
    Map<String, Object> flagged = new LinkedHashMap<>();
    flagged.put("total", flags.total());
    flagged.put("gc", flags.gc());
    flagged.put("lag", flags.lag());
    flagged.put("judged", flags.judged());
    flagged.put("judged_early", flags.judgedEarly());
    // Stalls let go while a request still to be judged might overlap them: those requests may be unflagged.
    flagged.put("stalls_evicted", flags.stallsEvicted());
    out.put("flagged_requests", flagged);
    out.put("lag_threshold_ms", ms(thresholdNanos));
    Optional<String> reason = bottleneckReason();
    out.put("client_bottleneck", reason.isPresent());
    out.put("client_bottleneck_reason", reason.orElse(null));
    List<Map<String, Object>> stalls = new ArrayList<>();
    for (Stall s : longest) {
      Map<String, Object> stall = new LinkedHashMap<>();
      stall.put("cause", s.cause() == Stall.Cause.GC ? "gc" : "lag");
      stall.put("start_ms", ms(s.startNanos() - originNanos));
      stall.put("end_ms", ms(s.endNanos() - originNanos));
      stall.put("duration_ms", ms(s.nanos()));
      stalls.add(stall);
    }
    out.put("longest_stalls", stalls);
    out.put("timeline", timelineJson());
    return out;
  }

  private Map<String, Object> timelineJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bucket_seconds", bucketSeconds);
    List<Map<String, Object>> buckets = new ArrayList<>();
    for (HealthTimeline.Bucket b : timeline) {
      Map<String, Object> bucket = new LinkedHashMap<>();
      bucket.put("start_s", (b.startNanos() - originNanos) / 1e9);
      bucket.put("seconds", b.wallNanos() / 1e9);
      bucket.put("lag_p99_ms", ms(b.lagP99Nanos()));
      bucket.put("lag_max_ms", ms(b.lagMaxNanos()));
      bucket.put("gc_ms", ms(b.gcNanos()));
      bucket.put("jit_ms", b.jitMillis());
      bucket.put("cpu_percent",
          cpu.cores() <= 0 || b.wallNanos() <= 0 ? 0.0 : 100.0 * b.cpuNanos() / b.wallNanos() / cpu.cores());
      buckets.add(bucket);
    }
    out.put("buckets", buckets);
    return out;
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** A short figure for the console: 0.3, 4.1, 12, 250. */
  private static String round(double v) {
    return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
  }
}
