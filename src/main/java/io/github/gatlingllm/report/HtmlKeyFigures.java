package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.PercentileValue;
import io.github.gatlingllm.metrics.PrefixCacheSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures a performance engineer looks for first, as tiles above the vLLM table, including the four averages
 * LLM-on-Ray reports under its own names (workloads.md): average latency per request (mean E2EL), per output token
 * (each request's E2EL / its output tokens, averaged), first-token latency (mean TTFT) and next-token latency
 * (mean TPOT). Numbers are rounded like the table's, so a tile and its table row always agree. A run that reasoned
 * also gets TTFO and reasoning / answer token tiles, and one whose answers reported cached prompt tokens the prefix
 * cache tiles.
 */
final class HtmlKeyFigures implements HtmlSummaryBlock.Part {
  private final RunView run;

  HtmlKeyFigures(RunView run) {
    this.run = run;
  }

  private record Figure(String label, String value, String unit, boolean bad) {}

  @Override
  public String render(BenchmarkSummary s) {
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("Requests: successful / failed", s.completed() + " / " + s.failed(), "", s.failed() > 0));
    figures.add(new Figure("Request throughput", number(s.requestThroughput()), "req/s", false));
    figures.add(new Figure("Output token throughput", number(s.outputThroughput()), "tok/s", false));
    figures.add(new Figure("Average latency per request (mean E2EL)", number(s.e2el().meanMs()), "ms", false));
    figures.add(new Figure("Average latency per output token",
        number(run.recording(s).meanLatencyPerOutputTokenMs()), "ms", false));
    figures.add(new Figure("Average first-token latency (mean TTFT)", number(s.ttft().meanMs()), "ms", false));
    figures.add(new Figure("Average next-token latency (mean TPOT)", number(s.tpot().meanMs()), "ms", false));
    figures.add(last(s));
    if (s.hasReasoning()) {
      figures.addAll(reasoning(s));
    }
    if (s.prefixCache().reported()) {
      figures.addAll(prefixCache(s.prefixCache()));
    }

    StringBuilder sb = new StringBuilder("  <div class=\"llm-figures\">\n");
    for (Figure f : figures) {
      sb.append("    <div class=\"llm-figure").append(f.bad() ? " llm-ko" : "").append("\">")
          .append("<div class=\"llm-figure-value\">").append(HtmlSummaryBlock.escape(f.value()));
      if (!f.unit().isEmpty()) {
        sb.append("<span class=\"llm-figure-unit\">").append(HtmlSummaryBlock.escape(f.unit())).append("</span>");
      }
      sb.append("</div><div class=\"llm-figure-label\">").append(HtmlSummaryBlock.escape(f.label()))
          .append("</div></div>\n");
    }
    sb.append("  </div>\n");
    return HtmlSummaryBlock.box("LLM Benchmark at a Glance",
        "averages as LLM-on-Ray names them; details below", sb.toString());
  }

  /** Goodput when objectives were given (the figure that answers "did we meet the SLOs"), else the TTFT tail. */
  private static Figure last(BenchmarkSummary s) {
    if (s.requestGoodput() != null) {
      double share = s.completed() + s.failed() == 0 ? 0 : 100.0 * s.goodCompleted() / (s.completed() + s.failed());
      return new Figure("Request goodput (" + number(share) + "% of requests met the SLOs)",
          number(s.requestGoodput()), "req/s", false);
    }
    List<PercentileValue> ps = s.ttft().percentiles();
    if (ps.isEmpty()) {
      return new Figure("Median first-token latency", number(s.ttft().medianMs()), "ms", false);
    }
    PercentileValue tail = ps.get(ps.size() - 1);
    return new Figure("P" + PythonFormat.percentileWord(tail.percentile()) + " first-token latency",
        number(tail.valueMs()), "ms", false);
  }

  /**
   * For a reasoning model (the console's condition, {@link BenchmarkSummary#hasReasoning()}): what the user waits for
   * before seeing an answer (TTFO mean, median and the highest configured percentile, P99 by default), and how much of
   * the output was thinking. Without reasoning TTFO equals TTFT and the split is all answer, so the tiles are left out.
   */
  private static List<Figure> reasoning(BenchmarkSummary s) {
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("Mean time to first output (TTFO)", number(s.ttfo().meanMs()), "ms", false));
    figures.add(new Figure("Median time to first output (TTFO)", number(s.ttfo().medianMs()), "ms", false));
    List<PercentileValue> ps = s.ttfo().percentiles();
    if (!ps.isEmpty()) {
      PercentileValue tail = ps.get(ps.size() - 1);
      figures.add(new Figure("P" + PythonFormat.percentileWord(tail.percentile()) + " time to first output (TTFO)",
          number(tail.valueMs()), "ms", false));
    }
    double share = s.totalOutputTokens() == 0 ? 0 : 100.0 * s.totalReasoningTokens() / s.totalOutputTokens();
    figures.add(new Figure("Reasoning / answer tokens (" + number(share) + "% reasoning)",
        String.format(Locale.ROOT, "%,d / %,d", s.totalReasoningTokens(), s.totalAnswerTokens()), "tok", false));
    return figures;
  }

  /**
   * When answers reported their cached prompt tokens (the console's condition): the client-side hit rate, and TTFT of
   * the requests that hit the prefix cache against those that missed it (mean and the highest configured percentile).
   */
  private static List<Figure> prefixCache(PrefixCacheSummary cache) {
    List<Figure> figures = new ArrayList<>();
    if (cache.hitRate() != null) {
      String cached = String.format(Locale.ROOT, "%,d", cache.cachedTokens());
      figures.add(new Figure("Prefix cache hit rate, client side (" + cached + " cached tokens)",
          number(cache.hitRate() * 100), "%", false));
    }
    figures.add(new Figure("Mean TTFT: cache hit / miss (" + cache.hitRequests() + " / " + cache.missRequests()
        + " requests)", number(cache.hitTtft().meanMs()) + " / " + number(cache.missTtft().meanMs()), "ms", false));
    List<PercentileValue> hit = cache.hitTtft().percentiles();
    if (!hit.isEmpty()) {
      int tail = hit.size() - 1;
      figures.add(new Figure("P" + PythonFormat.percentileWord(hit.get(tail).percentile()) + " TTFT: cache hit / miss",
          number(hit.get(tail).valueMs()) + " / " + number(cache.missTtft().percentiles().get(tail).valueMs()), "ms",
          false));
    }
    return figures;
  }

  /** The table's two-decimal rounding (vLLM's), with thousands separated for reading at a glance. */
  static String number(double v) {
    String fixed = PythonFormat.fixed2(v);
    int dot = fixed.indexOf('.');
    int end = dot < 0 ? fixed.length() : dot;
    int begin = fixed.startsWith("-") ? 1 : 0;
    StringBuilder sb = new StringBuilder(fixed.substring(end));
    for (int i = end - 1, digits = 0; i >= begin; i--, digits++) {
      if (digits > 0 && digits % 3 == 0) {
        sb.insert(0, ',');
      }
      sb.insert(0, fixed.charAt(i));
    }
    return fixed.substring(0, begin) + sb;
  }
}
