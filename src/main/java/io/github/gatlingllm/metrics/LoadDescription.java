package io.github.gatlingllm.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a load sent, as the summary states it in vLLM's run description keys ({@code num_prompts},
 * {@code request_rate}, {@code burstiness}, {@code ramp_up_*}). Made by the same object that injects the load, so that
 * what is reported is what was sent; a load that cannot be summed up by one rate says so with nulls rather than a
 * made-up value.
 *
 * @param numPrompts the requests the load sends, or 0 when it does not fix their number (users that send as many as
 *     their scenario makes, or a load injected without a description): the summary then reports the requests recorded
 * @param requestRate arrivals per second, {@link Double#POSITIVE_INFINITY} for all at once or a ramp (as vLLM writes
 *     them), or null when the load has no single rate
 * @param burstiness the gamma shape of the gaps between arrivals (1 = Poisson), or null when the load has none
 * @param rampUp the rate's ramp, or null for a fixed rate
 * @param text what was injected, in words, for the console
 */
public record LoadDescription(int numPrompts, Double requestRate, Double burstiness, RampUp rampUp, String text) {

  /** The description of measured requests injected without one (plain Gatling injection steps). */
  public static final LoadDescription NOT_DESCRIBED =
      new LoadDescription(
          0,
          null,
          null,
          null,
          "injected without an LlmLoad, so its rate is unknown: num_prompts counts the requests recorded, request_rate"
              + " and burstiness are null (inject with LlmLoad, e.g. poisson(n).perSecond(r).inject(scenario), to"
              + " describe it)");

  public LoadDescription {
    if (numPrompts < 0) {
      throw new IllegalArgumentException("numPrompts must be >= 0 (0 = the requests recorded), got " + numPrompts);
    }
    if (requestRate != null && !(requestRate > 0)) {
      throw new IllegalArgumentException("requestRate must be > 0, infinite or null, got " + requestRate);
    }
    if (burstiness != null && !(burstiness > 0 && Double.isFinite(burstiness))) {
      throw new IllegalArgumentException("burstiness must be a finite number > 0 or null, got " + burstiness);
    }
    if (rampUp != null && (requestRate == null || !requestRate.isInfinite())) {
      throw new IllegalArgumentException("a ramped load's request rate is inf (vLLM's convention), got " + requestRate);
    }
    Objects.requireNonNull(text, "text");
  }

  /** {@code n} requests at {@code rate} per second ({@code inf}: all at once) with gaps of gamma shape burstiness. */
  public static LoadDescription atRate(int n, double rate, double burstiness, String text) {
    return new LoadDescription(n, rate, burstiness, null, text);
  }

  /** {@code n} requests whose rate follows {@code ramp}. */
  public static LoadDescription ramped(int n, RampUp ramp, double burstiness, String text) {
    return new LoadDescription(n, Double.POSITIVE_INFINITY, burstiness, Objects.requireNonNull(ramp, "ramp"), text);
  }

  /** A load with no request count nor single rate of its own, e.g. users that each send several requests. */
  public static LoadDescription uncounted(String text) {
    return new LoadDescription(0, null, null, null, text);
  }

  /** Whether the description is complete: a request count and a rate (a finite one, inf or a ramp). */
  public boolean complete() {
    return numPrompts > 0 && requestRate != null;
  }

  /**
   * One description for several measured populations of one run: {@code num_prompts} summed (0 when one of them has
   * no count); {@code request_rate} inf when every one is inf, else null: finite rates neither add up nor stand for each
   * other, since the run cannot tell populations side by side from populations chained with {@code andThen};
   * {@code burstiness} when all are equal, else null. No population (no measured request was built) is
   * {@link #NOT_DESCRIBED}.
   */
  public static LoadDescription combine(List<LoadDescription> parts) {
    if (parts.isEmpty()) {
      return NOT_DESCRIBED;
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int prompts = 0;
    boolean allInfinite = true;
    Double burstiness = parts.get(0).burstiness();
    StringBuilder text = new StringBuilder().append(parts.size()).append(" populations:");
    for (LoadDescription part : parts) {
      prompts = prompts >= 0 && part.numPrompts() > 0 ? prompts + part.numPrompts() : -1;
      Double r = part.requestRate();
      boolean ramped = part.rampUp() != null;
      allInfinite &= r != null && !ramped && r.isInfinite();
      if (!Objects.equals(burstiness, part.burstiness())) {
        burstiness = null;
      }
      text.append(' ').append(part.text()).append(';');
    }
    Double combinedRate = allInfinite ? Double.valueOf(Double.POSITIVE_INFINITY) : null;
    if (combinedRate == null) {
      text.append(" no single request rate (request_rate null)");
    } else {
      text.setLength(text.length() - 1);
    }
    return new LoadDescription(Math.max(prompts, 0), combinedRate, burstiness, null, text.toString());
  }

  /** "Poisson" or "gamma (burstiness b)" gaps, for descriptions in words. */
  public static String gaps(double burstiness) {
    return burstiness == 1.0 ? "Poisson" : String.format(Locale.ROOT, "gamma (burstiness %s)", burstiness);
  }
}
