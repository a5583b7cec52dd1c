package io.github.gatlingllm.metrics;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * One latency metric's samples as a run goes, in bounded memory: the raw values while there are at most
 * {@code exactLimit} of them (the summary is then exactly numpy's), and always an HdrHistogram of them in nanoseconds
 * with 3 significant digits plus running sums. Past the limit the raw values are let go and the summary comes from
 * the histogram ({@link HistogramDistribution}: exact mean, standard deviation, minimum and maximum; percentiles within
 * 0.1 %). The same happens when the run's {@link SampleBudget}, shared by all its metrics, is spent. Memory: 8 bytes
 * per raw value up to the limit, in blocks, plus the histogram (tens to hundreds of KB for latencies from
 * microseconds to hours, whatever the count).
 *
 * <p>Single writer: one thread adds, and reads once adding is over or between adds on that same thread.
 */
public final class MetricSamples {
  /** The default bound on raw values kept per metric: 16 MB of doubles. */
  public static final int DEFAULT_EXACT_LIMIT = 2_000_000;

  /** 128 KB blocks: well under G1's humongous threshold (half a region), which would waste up to half the heap. */
  private static final int BLOCK = 1 << 14;

  private final int exactLimit;
  private final SampleBudget budget;
  private double[][] blocks = new double[4][];
  private long count;
  private boolean rawKept = true;
  private final Histogram histogram = new Histogram(3);
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  // Welford's running mean and sum of squared deviations: exact to rounding whatever the count.
  private double mean;
  private double squares;

  public MetricSamples(int exactLimit) {
    this(exactLimit, SampleBudget.unlimited());
  }

  /** @param budget the room for raw values this metric shares with the others of its run */
  public MetricSamples(int exactLimit, SampleBudget budget) {
    if (exactLimit < 0) {
      throw new IllegalArgumentException("exactLimit must be >= 0, got " + exactLimit);
    }
    this.exactLimit = exactLimit;
    this.budget = budget;
    if (exactLimit == 0) {
      rawKept = false;
      blocks = null;
    }
  }

  /** Adds one sample, in milliseconds. */
  public void add(double ms) {
    count++;
    double delta = ms - mean;
    mean += delta / count;
    squares += delta * (ms - mean);
    min = Math.min(min, ms);
    max = Math.max(max, ms);
    // Nanoseconds, clamped at 0: a histogram holds no negative value (a queue time can be -0.000001 ms of jitter).
    histogram.recordValue(Math.max(0, Math.round(ms * 1e6)));
    if (rawKept) {
      keepRaw(ms);
    }
  }

  private void keepRaw(double ms) {
    long index = count - 1;
    if (index >= exactLimit || !budget.take()) {
      rawKept = false;
      blocks = null; // the histogram takes over from here
      budget.release(index); // the room of the values let go, for the other metrics
      return;
    }
    int block = (int) (index / BLOCK);
    if (block == blocks.length) {
      blocks = Arrays.copyOf(blocks, block * 2);
    }
    if (blocks[block] == null) {
      blocks[block] = new double[BLOCK];
    }
    blocks[block][(int) (index % BLOCK)] = ms;
  }

  public long count() {
    return count;
  }

  /** Whether every raw value is still kept (the distribution is then exact). */
  public boolean exact() {
    return rawKept;
  }

  /**
   * The p-th percentile read off the histogram alone, in ms (within 0.1 %): cheap at any count, for live views; 0
   * before any sample.
   */
  public double histogramPercentileMs(double p) {
    return count == 0 ? 0 : histogram.medianEquivalentValue(histogram.getValueAtPercentile(p)) / 1e6;
  }

  /** The distribution so far: exact while the raw values are kept, else from the histogram. */
  public Distribution distribution() {
    if (count == 0) {
      return Distribution.empty();
    }
    if (!rawKept) {
      return new HistogramDistribution(histogram, mean, Math.sqrt(squares / count), min, max);
    }
    double[] values = new double[(int) count];
    for (int b = 0, copied = 0; copied < count; b++) {
      int n = (int) Math.min(BLOCK, count - copied);
      System.arraycopy(blocks[b], 0, values, copied, n);
      copied += n;
    }
    return Distribution.ofMillisOwned(values);
  }
}
