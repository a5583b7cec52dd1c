package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.CoreComponents;
import io.gatling.core.actor.ActorSystem;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.netty.util.Transports;
import io.github.gatlingllm.LlmDsl;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.metrics.LlmTiming;
import io.github.gatlingllm.metrics.LoggedTimings;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run's parts as Gatling wires them: one {@link RunParts} per run, components per scenario's protocol. */
class RunPartsTest {
  private static final LlmProtocolBuilder BASE =
      LlmDsl.llm.baseUrl("http://127.0.0.1:1").model("m").apiKey(null).clientWarmUp(false);

  @TempDir Path results;
  private EventLoopGroup loops;
  private ActorSystem actorSystem;
  private GatlingStatsEngines.Run gatling;
  private Function<LlmProtocol, LlmComponents> run;

  @BeforeEach
  void startRun() {
    System.setProperty(ResultsDirectory.PROPERTY, results.toString());
    GatlingConfiguration configuration = GatlingConfiguration.load();
    loops =
        Transports.newEventLoopGroup(
            configuration.netty().useNativeTransport(), configuration.netty().useIoUring(), 1, "parts-test");
    actorSystem = new ActorSystem();
    gatling =
        GatlingStatsEngines.start(
            actorSystem, GatlingStatsEngines.message("partstest", 1_790_000_000_000L), results);
    CoreComponents core =
        new CoreComponents(
            actorSystem, loops, null, scala.Option.empty(), gatling.engine(), System::currentTimeMillis, null,
            configuration);
    scala.Function1<LlmProtocol, LlmComponents> components = LlmProtocolKey.INSTANCE.newComponents(core);
    run = components::apply;
  }

  @AfterEach
  void endRun() throws Exception {
    endLoad();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    System.clearProperty(ResultsDirectory.PROPERTY);
  }

  /** What Gatling does when the load ends: the stats engine stops, then the actor system (the run's end reports). */
  private void endLoad() throws Exception {
    if (gatling != null) {
      gatling.close();
      actorSystem.close();
      gatling = null;
    }
  }

  private LlmComponents components(LlmProtocolBuilder protocol) {
    return run.apply((LlmProtocol) protocol.protocol());
  }

  /** A successful request with four chunks: three gaps. */
  private static RequestRecord finished(String name) {
    RequestRecord record = new RequestRecord(name);
    record.origin("scenario", 1, 1);
    record.intended(1_000_000);
    record.sent(1_000_000);
    for (int i = 1; i <= 4; i++) {
      record.chunk(1_000_000 + i * 10_000_000L);
    }
    record.outputTokens(4, TokenSource.CHUNKS);
    record.ended(50_000_000);
    return record;
  }

  private static int itlValues(RequestRecord record) {
    AtomicInteger itl = new AtomicInteger();
    LoggedTimings.RECORDS_OWN.forEach(
        record,
        (timing, start, millis) -> {
          if (timing == LlmTiming.ITL) {
            itl.incrementAndGet();
          }
        });
    return itl.get();
  }

  @Test
  void eachRecordCarriesItsOwnProtocolsTimingRule() {
    LlmComponents everyGap = components(BASE.itlStats(ItlStats.EVERY_GAP));
    LlmComponents requestMean = components(BASE.itlStats(ItlStats.REQUEST_MEAN));
    LlmComponents none = components(BASE.itlStats(ItlStats.NONE));
    RequestRecord a = finished("a");
    RequestRecord b = finished("b");
    RequestRecord c = finished("c");
    everyGap.run().record(a);
    requestMean.run().record(b);
    none.run().record(c);
    assertEquals(3, itlValues(a), "one value per gap");
    assertEquals(1, itlValues(b), "the request's mean gap");
    assertEquals(0, itlValues(c));
  }

  @Test
  void clientsAndCapsFollowEachProtocolsOwnSettings() {
    LlmComponents first = components(BASE.maxConcurrency(2));
    LlmComponents sameCap = components(BASE.maxConcurrency(2));
    LlmComponents otherCap = components(BASE.maxConcurrency(3).idleTimeout(Duration.ofSeconds(5)));
    LlmComponents uncapped = components(BASE);
    assertSame(first.limiter(), sameCap.limiter(), "one cap per max concurrency, shared across scenarios");
    assertNotSame(first.limiter(), otherCap.limiter());
    assertNull(uncapped.limiter());
    assertSame(first.client(), uncapped.client(), "one client per connection settings");
    assertNotSame(first.client(), otherCap.client());
  }

  @Test
  void aProtocolWithOtherRunLevelSettingsStopsTheRunAtStart() throws Exception {
    components(BASE.label("one"));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> components(BASE.label("two")));
    assertTrue(refused.getMessage().contains("'label'"), refused.getMessage());

    endLoad();
    try (Stream<Path> files = Files.walk(results)) {
      assertFalse(
          files.anyMatch(p -> p.getFileName().toString().equals(EndOfRunReport.SUMMARY_JSON)),
          "no summary of a load that never ran");
    }
    try (Stream<Path> files = Files.walk(results)) {
      assertTrue(
          files.anyMatch(p -> p.getFileName().toString().equals("llm-requests.csv")),
          "the files opened at start are closed");
    }
  }

  @Test
  void aRunWhoseProtocolsAgreeEndsWithOneSummary() throws Exception {
    components(BASE.label("one").maxConcurrency(2));
    components(BASE.label("one").model("other"));
    endLoad();
    try (Stream<Path> files = Files.walk(results)) {
      assertEquals(
          1, files.filter(p -> p.getFileName().toString().equals(EndOfRunReport.SUMMARY_JSON)).count());
    }
  }
}
