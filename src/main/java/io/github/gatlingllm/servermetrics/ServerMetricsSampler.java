package io.github.gatlingllm.servermetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the server's {@code /metrics} at a fixed period on one daemon thread of its own (blocking HTTP must never
 * run on an event loop, and a slow endpoint must not delay the other periodic outputs). A failed scrape is counted and
 * the next period runs: the server's view is a bonus, never a reason to fail the load test.
 */
public final class ServerMetricsSampler {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMetricsSampler.class);

  private final List<MetricsScraper> scrapers;
  private final ServerMetricsRecorder recorder;

  private ScheduledExecutorService timer;

  /** Scrapes every endpoint of {@code scrapers} at each period and reads their samples as one server's. */
  public ServerMetricsSampler(List<MetricsScraper> scrapers, ServerMetricsRecorder recorder) {
    this.scrapers = List.copyOf(scrapers);
    this.recorder = recorder;
  }

  /**
   * The endpoints worth sampling, from one scrape of each before the load: under {@code AUTO} one that does not answer
   * is left out with one console line; under {@code ON} it stops the run, naming its URL and answer.
   */
  public static List<MetricsScraper> probe(List<MetricsScraper> scrapers, ServerMetricsSettings.Mode mode) {
    if (mode == ServerMetricsSettings.Mode.OFF) {
      return List.of();
    }
    List<MetricsScraper> answering = new ArrayList<>();
    for (MetricsScraper scraper : scrapers) {
      try {
        ServerReading reading = KnownFamilies.read(scraper.scrape().samples());
        if (!KnownFamilies.anyKnown(reading)) {
          LOG.info("{} has no metric family gatling-llm knows; its rows will be empty", scraper.shownUrl());
        }
        answering.add(scraper);
      } catch (MetricsScraper.ScrapeException e) {
        if (mode == ServerMetricsSettings.Mode.ON) {
          throw new IllegalStateException(
              "llm.serverMetrics=on but the server's metrics cannot be read: " + e.getMessage());
        }
        System.out.println("Server metrics off: " + e.getMessage() + " (llm.serverMetrics=off skips this probe)");
      }
    }
    return answering;
  }

  /** Starts scraping every {@code settings.interval()}, the first scrape at once (the state before the load). */
  public synchronized void start(ServerMetricsSettings settings) {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "gatling-llm-server-metrics");
              thread.setDaemon(true);
              return thread;
            });
    long period = settings.interval().toNanos();
    timer.scheduleAtFixedRate(this::scrapeOnce, 0, period, TimeUnit.NANOSECONDS);
  }

  /** One scrape into the recorder; public so that tests can sample at chosen instants rather than on a timer. */
  public void scrapeOnce() {
    // Stamped before the request: the server's state is nearest to the instant the scrape was sent.
    long at = System.nanoTime();
    List<PrometheusSample> samples = new ArrayList<>();
    boolean answered = false;
    for (MetricsScraper scraper : scrapers) {
      try {
        samples.addAll(scraper.scrape().samples());
        answered = true;
      } catch (MetricsScraper.ScrapeException e) {
        recorder.failed();
        LOG.debug("Server metrics scrape failed: {}", e.getMessage());
      } catch (RuntimeException e) {
        recorder.failed();
        LOG.warn("Server metrics scrape of {} failed", scraper.shownUrl(), e);
      }
    }
    if (answered) {
      recorder.add(at, KnownFamilies.read(samples));
    }
  }

  /** Stops the timer and waits (briefly) for a scrape under way, so the result holds every finished scrape. */
  public synchronized void stop() {
    if (timer == null) {
      return;
    }
    timer.shutdown();
    try {
      if (!timer.awaitTermination(MetricsScraper.TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  public ServerMetricsResult result() {
    return recorder.result();
  }
}
