package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FleetStartTest {
  @Test
  void anInstantPassedStartsAtOnceSayingHowLate() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2026-01-31T12:00:02Z"), ZoneOffset.UTC);
    FleetStart.await(Instant.parse("2026-01-31T12:00:00Z"), clock, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(
        "startAt 2026-01-31T12:00:00Z passed 2.000 s ago: starting the load now, late on the fleet\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anInstantAheadIsWaitedFor() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2026-01-31T11:59:59.990Z"), ZoneOffset.UTC);
    FleetStart.await(Instant.parse("2026-01-31T12:00:00Z"), clock, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals("Waiting 0.010 s for startAt 2026-01-31T12:00:00Z\n", out.toString(StandardCharsets.UTF_8));
  }
}
