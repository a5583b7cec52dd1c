package io.github.gatlingllm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The soak benchmark's outputs: samples.csv, the first-third / last-third summary, and a gnuplot script. */
final class SoakReport {
  /** Heap after GC is "flat" while its least-squares slope stays within this many MiB per hour... */
  static final double HEAP_SLOPE_FLOOR_MB_PER_HOUR = 16;
  /** ...or this share of the first third's mean per hour, whichever is larger. */
  static final double HEAP_SLOPE_SHARE_PER_HOUR = 0.10;
  /** CPU ms per request and bytes per request are "flat" while the last third is within this share of the first. */
  static final double RATIO_TOLERANCE = 0.10;
  /** Fewer samples in the load phase than this and no verdict is given. */
  static final int MIN_LOAD_SAMPLES = 6;

  private SoakReport() {}

  /** Every file column seen so far, in order of first appearance. */
  static List<String> fileColumns(List<SoakSample> samples) {
    Set<String> names = new LinkedHashSet<>();
    for (SoakSample s : samples) {
      names.addAll(s.fileBytes().keySet());
    }
    return new ArrayList<>(names);
  }

  /** Writes samples.csv whole (a temporary file moved over it, so a reader never sees half a file). */
  static void writeCsv(Path csv, List<SoakSample> samples) throws IOException {
    List<String> files = fileColumns(samples);
    StringBuilder out = new StringBuilder();
    out.append("time_utc,elapsed_s,phase,requests_done,requests_per_s,gatling_cpu_s,cpu_ms_per_request,")
        .append("gatling_cores,mock_cpu_s,heap_after_full_gc_mb,full_gc_pause_ms,gc_count,heap_after_gc_min_mb,")
        .append("heap_after_gc_max_mb,rss_mb,load1");
    for (String f : files) {
      out.append(",bytes:").append(f);
    }
    out.append('\n');
    SoakSample previous = null;
    for (SoakSample s : samples) {
      double requestsPerS = Double.NaN;
      double cpuMsPerRequest = Double.NaN;
      double cores = Double.NaN;
      if (previous != null) {
        double dt = s.elapsedS() - previous.elapsedS();
        long dr = s.requests() - previous.requests();
        double dcpu = s.gatlingCpuS() - previous.gatlingCpuS();
        requestsPerS = dt > 0 ? dr / dt : Double.NaN;
        cpuMsPerRequest = dr > 0 ? dcpu * 1000 / dr : Double.NaN;
        cores = dt > 0 ? dcpu / dt : Double.NaN;
      }
      out.append(Instant.ofEpochMilli(s.epochMs())).append(',')
          .append(num(s.elapsedS(), 1)).append(',')
          .append(s.phase()).append(',')
          .append(s.requests()).append(',')
          .append(num(requestsPerS, 2)).append(',')
          .append(num(s.gatlingCpuS(), 2)).append(',')
          .append(num(cpuMsPerRequest, 3)).append(',')
          .append(num(cores, 3)).append(',')
          .append(num(s.mockCpuS(), 2)).append(',')
          .append(num(s.heapAfterFullGcMb(), 1)).append(',')
          .append(num(s.fullGcPauseMs(), 1)).append(',')
          .append(s.gcCount()).append(',')
          .append(num(s.heapAfterGcMinMb(), 1)).append(',')
          .append(num(s.heapAfterGcMaxMb(), 1)).append(',')
          .append(num(s.rssMb(), 1)).append(',')
          .append(num(s.load1(), 2));
      for (String f : files) {
        Long bytes = s.fileBytes().get(f);
        out.append(',').append(bytes == null ? "" : Long.toString(bytes));
      }
      out.append('\n');
      previous = s;
    }
    Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
    Files.writeString(tmp, out, StandardCharsets.UTF_8);
    Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The summary text: the load phase cut in thirds by time, first against last. */
  static String summary(List<SoakSample> samples, String header) {
    StringBuilder out = new StringBuilder(header);
    List<SoakSample> load = samples.stream().filter(s -> s.phase().equals("load")).toList();
    if (load.size() < 2) {
      return out.append("Too few samples in the load phase (").append(load.size()).append(") for a summary.\n")
          .toString();
    }
    SoakSample a = load.get(0);
    SoakSample z = load.get(load.size() - 1);
    double span = z.elapsedS() - a.elapsedS();
    List<SoakSample> first = load.stream().filter(s -> s.elapsedS() <= a.elapsedS() + span / 3 + 1e-9).toList();
    List<SoakSample> last = load.stream().filter(s -> s.elapsedS() >= z.elapsedS() - span / 3 - 1e-9).toList();
    boolean verdicts = load.size() >= MIN_LOAD_SAMPLES;
    out.append(String.format(Locale.ROOT,
        "Load phase: %.0f s sampled (%d samples, %d in each third), %d requests finished in it, %.2f req/s%n",
        span, load.size(), Math.min(first.size(), last.size()), z.requests() - a.requests(),
        span > 0 ? (z.requests() - a.requests()) / span : Double.NaN));
    if (!verdicts) {
      out.append("Fewer than ").append(MIN_LOAD_SAMPLES).append(" load samples: figures without verdicts.\n");
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-44s %12s %12s %9s  %s%n", "", "first third", "last third", "change",
        "verdict"));

    // Heap after GC: the live set, sampled after the forced full collection (else the JVM's own collections).
    boolean forced = load.stream().anyMatch(s -> !Double.isNaN(s.heapAfterFullGcMb()));
    String heapName = forced ? "heap after full GC" : "heap after GC (least per interval)";
    double firstMean = mean(first, SoakSample::heapMb);
    double lastMean = mean(last, SoakSample::heapMb);
    row(out, heapName + ", mean (MB)", firstMean, lastMean, change(firstMean, lastMean), "");
    row(out, heapName + ", max (MB)", max(first, SoakSample::heapMb), max(last, SoakSample::heapMb), "", "");
    double slope = slopePerHour(load, SoakSample::heapMb);
    double limit = Math.max(HEAP_SLOPE_FLOOR_MB_PER_HOUR, HEAP_SLOPE_SHARE_PER_HOUR * firstMean);
    String heapVerdict =
        !verdicts || Double.isNaN(slope)
            ? ""
            : (Math.abs(slope) <= limit ? "flat" : slope > 0 ? "GROWS" : "falls")
                + String.format(Locale.ROOT, " (|slope| <= %.0f MB/h is flat)", limit);
    out.append(String.format(Locale.ROOT, "%-44s %12s %12s %9s  %s%n", heapName + ", slope over the load (MB/h)",
        "", num(slope, 1), "", heapVerdict));
    double requestsPerHour = perSecond(load, r -> r.requests()) * 3600;
    out.append(String.format(Locale.ROOT, "%-44s %12s %12s%n", "  that slope per finished request (bytes)", "",
        num(slope * 1048576 / requestsPerHour, 0)));
    row(out, "heap after the JVM's own GCs, least (MB)", min(first, SoakSample::heapAfterGcMinMb),
        min(last, SoakSample::heapAfterGcMinMb), "", "");
    row(out, "Gatling JVM resident memory, max (MB)", max(first, SoakSample::rssMb), max(last, SoakSample::rssMb),
        "", "");

    // CPU per request and cores.
    double cpuFirst = perRequest(first, SoakSample::gatlingCpuS) * 1000;
    double cpuLast = perRequest(last, SoakSample::gatlingCpuS) * 1000;
    row(out, "Gatling JVM CPU per request (ms)", cpuFirst, cpuLast, change(cpuFirst, cpuLast),
        verdicts ? ratioVerdict(cpuFirst, cpuLast) : "");
    row(out, "Gatling JVM CPU (cores)", perSecond(first, SoakSample::gatlingCpuS),
        perSecond(last, SoakSample::gatlingCpuS), "", "");
    row(out, "mock JVM CPU (cores)", perSecond(first, SoakSample::mockCpuS), perSecond(last, SoakSample::mockCpuS),
        "", "");
    row(out, "requests finished per second", perSecond(first, s -> s.requests()), perSecond(last, s -> s.requests()),
        "", "");
    row(out, "full GC pause, mean (ms)", mean(first, SoakSample::fullGcPauseMs),
        mean(last, SoakSample::fullGcPauseMs), "", "");

    // Bytes per request, per file of the run folder.
    out.append("bytes per request written to:\n");
    SoakSample end = samples.get(samples.size() - 1);
    for (String f : fileColumns(samples)) {
      double bFirst = perRequest(first, s -> bytes(s, f));
      double bLast = perRequest(last, s -> bytes(s, f));
      boolean grewInLoad = bytes(z, f) > bytes(a, f);
      String verdict = !grewInLoad ? "(not written during the load)" : verdicts ? ratioVerdict(bFirst, bLast) : "";
      row(out, "  " + f, bFirst, bLast, change(bFirst, bLast), verdict);
    }
    out.append(String.format(Locale.ROOT, "%nFile sizes at the end of the load (%d requests) and at the end:%n",
        z.requests()));
    for (String f : fileColumns(samples)) {
      out.append(String.format(Locale.ROOT, "  %-42s %14s B %14s B  %s%n", f, fmtBytes(bytes(z, f)),
          fmtBytes(bytes(end, f)),
          z.requests() > 0 && bytes(z, f) > 0
              ? String.format(Locale.ROOT, "(%.0f B per request over the load)", bytes(z, f) / z.requests())
              : ""));
    }
    out.append('\n')
        .append("Thirds: the load phase cut in three by time; per-request figures are the third's increase of the\n")
        .append("quantity over its increase of finished requests. Flat: within ")
        .append(Math.round(RATIO_TOLERANCE * 100))
        .append(" % of the first third (CPU may fall as the JIT warms up).\n");
    return out.toString();
  }

  /** A gnuplot script drawing samples.csv into soak.png (optional: run only when gnuplot is installed). */
  static String gnuplotScript(List<SoakSample> samples) {
    // The files written while the load ran (not the HTML report written at the end).
    List<SoakSample> load = samples.stream().filter(s -> s.phase().equals("load")).toList();
    List<String> files =
        fileColumns(samples).stream()
            .filter(f -> load.size() >= 2 && bytes(load.get(load.size() - 1), f) > bytes(load.get(0), f))
            .toList();
    StringBuilder gp = new StringBuilder();
    gp.append("# gnuplot plot.gp (in this folder) draws soak.png from samples.csv\n")
        .append("set datafile separator ','\n")
        .append("set datafile missing ''\n")
        .append("set terminal pngcairo size 1200,1200 noenhanced\n")
        .append("set output 'soak.png'\n")
        .append("set key autotitle columnhead left top\n")
        .append("set grid\n")
        .append("set multiplot layout 3,1\n")
        .append("set xlabel 'minutes since the Gatling JVM started'\n")
        .append("set ylabel 'MB'\nset y2label 'MB (RSS)'\nset y2tics\nset yrange [0:*]\nset y2range [0:*]\n")
        .append("set title 'Gatling JVM heap after GC and resident memory'\n")
        .append("plot 'samples.csv' using ($2/60):(column('heap_after_full_gc_mb')) with linespoints title 'heap after"
            + " full GC', '' using ($2/60):(column('heap_after_gc_min_mb')) with points title 'least heap after own"
            + " GCs', '' using ($2/60):(column('rss_mb')) axes x1y2 with lines title 'RSS (right axis)'\n")
        .append("set ylabel 'ms'\nset y2label 'cores'\n")
        .append("set title 'Gatling JVM CPU per finished request (per interval)'\n")
        .append("plot 'samples.csv' using ($2/60):(column('cpu_ms_per_request')) with linespoints title 'CPU ms per"
            + " request', '' using ($2/60):(column('gatling_cores')) axes x1y2 with lines title 'cores (right"
            + " axis)'\n")
        .append("unset y2label\nunset y2tics\n")
        .append("set ylabel 'MB'\n")
        .append("set title 'Files of the Gatling run folder written during the load'\n");
    if (files.isEmpty()) {
      gp.append("plot 0 title 'no files'\n");
    } else {
      gp.append("plot ");
      for (int i = 0; i < files.size(); i++) {
        gp.append(i == 0 ? "'samples.csv'" : ", ''")
            .append(" using ($2/60):(column('bytes:").append(files.get(i)).append("')/1048576) with lines title '")
            .append(files.get(i)).append("'");
      }
      gp.append('\n');
    }
    gp.append("unset multiplot\n");
    return gp.toString();
  }

  // --- arithmetic on samples ---

  private static double bytes(SoakSample s, String file) {
    Long b = s.fileBytes().get(file);
    return b == null ? 0 : b;
  }

  /** Increase of the quantity over the increase of finished requests between the first and last sample. */
  static double perRequest(List<SoakSample> part, ToDoubleFunction<SoakSample> quantity) {
    List<SoakSample> measured = measured(part, quantity);
    if (measured.size() < 2) {
      return Double.NaN;
    }
    SoakSample a = measured.get(0);
    SoakSample z = measured.get(measured.size() - 1);
    long requests = z.requests() - a.requests();
    return requests > 0 ? (quantity.applyAsDouble(z) - quantity.applyAsDouble(a)) / requests : Double.NaN;
  }

  static double perSecond(List<SoakSample> part, ToDoubleFunction<SoakSample> quantity) {
    List<SoakSample> measured = measured(part, quantity);
    if (measured.size() < 2) {
      return Double.NaN;
    }
    SoakSample a = measured.get(0);
    SoakSample z = measured.get(measured.size() - 1);
    double dt = z.elapsedS() - a.elapsedS();
    return dt > 0 ? (quantity.applyAsDouble(z) - quantity.applyAsDouble(a)) / dt : Double.NaN;
  }

  /** The samples where the quantity was measured (a sample taken after the JVM exited has no CPU time). */
  private static List<SoakSample> measured(List<SoakSample> part, ToDoubleFunction<SoakSample> quantity) {
    return part.stream().filter(s -> !Double.isNaN(quantity.applyAsDouble(s))).toList();
  }

  /** Least-squares slope of the quantity against time, per hour, over the samples where it was measured. */
  static double slopePerHour(List<SoakSample> part, ToDoubleFunction<SoakSample> quantity) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (SoakSample s : part) {
      double y = quantity.applyAsDouble(s);
      if (Double.isNaN(y)) {
        continue;
      }
      double x = s.elapsedS() / 3600;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double d = n * sxx - sx * sx;
    return n >= 2 && d > 0 ? (n * sxy - sx * sy) / d : Double.NaN;
  }

  static double mean(List<SoakSample> part, ToDoubleFunction<SoakSample> f) {
    return part.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }

  static double max(List<SoakSample> part, ToDoubleFunction<SoakSample> f) {
    return part.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
  }

  static double min(List<SoakSample> part, ToDoubleFunction<SoakSample> f) {
    return part.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
  }

  static String ratioVerdict(double first, double last) {
    if (Double.isNaN(first) || Double.isNaN(last) || first <= 0) {
      return "";
    }
    double r = last / first;
    return r > 1 + RATIO_TOLERANCE ? "RISES" : r < 1 - RATIO_TOLERANCE ? "falls" : "flat";
  }

  private static String change(double first, double last) {
    if (Double.isNaN(first) || Double.isNaN(last) || first == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%+.1f %%", (last / first - 1) * 100);
  }

  private static void row(StringBuilder out, String name, double first, double last, String change, String verdict) {
    out.append(String.format(Locale.ROOT, "%-44s %12s %12s %9s  %s%n", name, num(first, 2), num(last, 2), change,
        verdict));
  }

  private static String fmtBytes(double bytes) {
    return String.format(Locale.ROOT, "%,.0f", bytes);
  }

  static String num(double v, int decimals) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
