package io.github.gatlingllm.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What was run: the "run description" keys of vLLM's saved result.
 *
 * @param backend vLLM's {@code backend} (e.g. "openai-chat"); also written as {@code endpoint_type} unless given
 * @param endpointType vLLM's {@code endpoint_type}; vLLM writes the backend here, for backward compatibility
 * @param label the result label, or null
 * @param modelId the model name sent to the server
 * @param tokenizerId the tokenizer used for counting, or null
 * @param numPrompts number of requests the run was asked to send (the requests recorded when its load did not say)
 * @param requestRate requests per second; {@link Double#POSITIVE_INFINITY} means all at once ("inf"); null when the
 *     load had no single rate or was not described (see {@link LoadDescription})
 * @param burstiness gamma shape of the arrivals (1 = Poisson), or null when the load had none
 * @param maxConcurrency client-side cap on requests in flight, or null for none
 * @param startEpochMillis wall-clock start of the run, for the {@code date} field
 * @param rampUp the request rate's ramp (vLLM's {@code ramp_up_*} keys), or null when the rate was fixed
 */
public record RunDescription(String backend, String endpointType, String label, String modelId, String tokenizerId,
    int numPrompts, Double requestRate, Double burstiness, Integer maxConcurrency, long startEpochMillis,
    RampUp rampUp) {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  public RunDescription {
    if (requestRate != null && !(requestRate > 0)) {
      throw new IllegalArgumentException("requestRate must be > 0, infinite or null, got " + requestRate);
    }
    if (maxConcurrency != null && maxConcurrency <= 0) {
      throw new IllegalArgumentException("maxConcurrency must be > 0 or null, got " + maxConcurrency);
    }
    if (endpointType == null) {
      endpointType = backend;
    }
  }

  /** A run at a fixed rate (or all at once). */
  public RunDescription(String backend, String endpointType, String label, String modelId, String tokenizerId,
      int numPrompts, double requestRate, double burstiness, Integer maxConcurrency, long startEpochMillis) {
    this(backend, endpointType, label, modelId, tokenizerId, numPrompts, requestRate, burstiness, maxConcurrency,
        startEpochMillis, null);
  }

  /** A run described by its load: the load's count, or {@code requests} (those recorded) when it fixes none. */
  public RunDescription(String backend, String endpointType, String label, String modelId, String tokenizerId,
      LoadDescription load, long requests, Integer maxConcurrency, long startEpochMillis) {
    this(backend, endpointType, label, modelId, tokenizerId,
        load.numPrompts() > 0 ? load.numPrompts() : (int) Math.min(Integer.MAX_VALUE, requests), load.requestRate(),
        load.burstiness(), maxConcurrency, startEpochMillis, load.rampUp());
  }

  /** Whether the arrival rate is known and finite (vLLM then prints "Request rate configured (RPS)"). */
  public boolean finiteRate() {
    return requestRate != null && !requestRate.isInfinite();
  }

  /** vLLM's {@code date}: {@code YYYYmmdd-HHMMSS} in the local time zone. */
  public String date() {
    return date(ZoneId.systemDefault());
  }

  public String date(ZoneId zone) {
    return DATE.format(Instant.ofEpochMilli(startEpochMillis).atZone(zone));
  }
}
