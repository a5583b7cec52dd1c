package io.github.gatlingllm.servermetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.client.TlsSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MetricsScraperTest {

  @Test
  void theUrlShownHasNoCredentialsWhileTheOneScrapedIsIntact() {
    URI uri = URI.create("http://exporter:p4ss@127.0.0.1:9/metrics?token=t0ken");
    MetricsScraper scraper = new MetricsScraper(uri, "sk-test-SECRET123", TlsSettings.VERIFIED);

    assertEquals(uri, scraper.uri());
    assertEquals("http://***@127.0.0.1:9/metrics?token=***", scraper.shownUrl());
    String text = scraper.toString();
    assertFalse(text.contains("p4ss") || text.contains("t0ken") || text.contains("SECRET123"), text);
  }

  @Test
  void aFailedScrapeSaysWhichUrlWithoutItsCredentials() {
    // port 9 (discard) on loopback: nothing listens in a test environment, so the connection is refused at once
    MetricsScraper scraper =
        new MetricsScraper(URI.create("http://exporter:p4ss@127.0.0.1:9/metrics?token=t0ken"), null, TlsSettings.VERIFIED);

    MetricsScraper.ScrapeException e = assertThrows(MetricsScraper.ScrapeException.class, scraper::scrape);

    assertTrue(e.getMessage().contains("127.0.0.1:9/metrics"), e.getMessage());
    assertFalse(e.getMessage().contains("p4ss") || e.getMessage().contains("t0ken"), e.getMessage());
  }

  @Test
  void anInvalidExtraUrlIsReportedMasked() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerMetricsSettings.parseEndpoints("ftp://u:p4ss@host/metrics?token=t0ken"));
    assertFalse(e.getMessage().contains("p4ss") || e.getMessage().contains("t0ken"), e.getMessage());
  }
}
