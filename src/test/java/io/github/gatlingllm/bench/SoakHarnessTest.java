package io.github.gatlingllm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak benchmark's parsing and arithmetic (the benchmark itself is run by hand, see BENCHMARKS.md). */
class SoakHarnessTest {

  @Test
  void csvRowsAreCountedIncrementallyWithQuotedLineBreaksAndPartialRows(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("llm-requests.csv");
    CsvRowCounter counter = new CsvRowCounter(csv);
    assertEquals(0, counter.rows());
    Files.writeString(csv, "a,b\n1,\"x\ny\"\n2,", StandardCharsets.UTF_8);
    assertEquals(1, counter.rows()); // the second row has no line break yet
    Files.writeString(csv, "\"say \"\"hi\"\"\"\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertEquals(2, counter.rows());
  }

  @Test
  void gcLogLinesGiveHeapAfterEachCollection(@TempDir Path dir) throws Exception {
    GcLog.Collection full = GcLog.parse("[12.345s] GC(17) Pause Full (Diagnostic Command) 180M->42M(1024M) 35.123ms");
    assertEquals(42, full.afterMb());
    assertEquals(35.123, full.pauseMs());
    assertTrue(full.forced());
    GcLog.Collection young = GcLog.parse("[1.0s] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 1G->512K(2G) 4.2ms");
    assertEquals(0.5, young.afterMb());
    assertEquals(1024, young.beforeMb());
    assertTrue(!young.forced());
    assertNull(GcLog.parse("[2.0s] GC(4) Concurrent Mark Cycle 12.3ms"));

    Path file = dir.resolve("gc.log");
    GcLog log = new GcLog(file);
    Files.writeString(file, "[0.1s] Using G1\n[0.2s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 9M->3M(24M) 1.0ms\n"
        + "[0.3s] GC(1) Pause Full (Diagnostic Command) 5M->2M(24M) 2.0ms");
    assertEquals(1, log.next().size()); // the last line is not complete yet
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
    List<GcLog.Collection> next = log.next();
    assertEquals(1, next.size());
    assertTrue(next.get(0).forced());
  }

  @Test
  void summaryComparesThirdsAndFlagsAGrowingHeap() {
    List<SoakSample> samples = new ArrayList<>();
    samples.add(sample(0, "start", 0, 1, 50, 0));
    for (int i = 1; i <= 12; i++) {
      // 10 requests/s, 5 ms of CPU and 2,000 bytes each; heap +1 MB per 100 s = +36 MB/hour
      samples.add(sample(100 * i, "load", 1000L * i, 1 + 5.0 * i, 50 + i, 2000L * 1000 * i));
    }
    assertEquals(36.0, SoakReport.slopePerHour(samples.subList(1, samples.size()), SoakSample::heapMb), 1e-9);
    String summary = SoakReport.summary(samples, "");
    assertTrue(summary.contains("GROWS"), summary);
    assertTrue(summary.matches("(?s).*Gatling JVM CPU per request \\(ms\\)\\s+5\\.00\\s+5\\.00\\s+\\+0\\.0 %\\s+flat.*"),
        summary);
    assertTrue(summary.matches("(?s).*llm-requests.csv\\s+2000\\.00\\s+2000\\.00\\s+\\+0\\.0 %\\s+flat.*"), summary);
  }

  private static SoakSample sample(double t, String phase, long requests, double cpu, double heap, long bytes) {
    return new SoakSample(0, t, phase, requests, cpu, Double.NaN, heap, 10, 0, Double.NaN, Double.NaN, 300, 0.5,
        Map.of("llm-requests.csv", bytes));
  }
}
