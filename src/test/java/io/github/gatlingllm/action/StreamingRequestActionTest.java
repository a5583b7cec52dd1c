package io.github.gatlingllm.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.util.Clock;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorSystem;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.session.Session;
import io.gatling.core.session.Session$;
import io.gatling.netty.util.Transports;
import io.github.gatlingllm.LlmDsl;
import io.github.gatlingllm.dataset.WordTestTokenizer;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.javaapi.LlmRequestBuilder;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.mock.MockRequests;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.LlmComponents;
import io.github.gatlingllm.protocol.LlmProtocol;
import io.github.gatlingllm.protocol.LlmProtocolKey;
import io.github.gatlingllm.protocol.GatlingStatsEngines;
import io.github.gatlingllm.protocol.ResultsDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The streaming action end to end on a real event loop, against the mock server over loopback, with a stats engine
 * that records what Gatling would be told.
 */
class StreamingRequestActionTest {
  private static final int TTFT_MS = 30;
  private static final int ITL_MS = 5;
  private static MockLlmServer server;

  private ActorSystem actorSystem;
  private EventLoopGroup loops;
  private RecordingStatsEngine stats;
  private CoreComponents core;
  private final BlockingQueue<Session> reachedNext = new LinkedBlockingQueue<>();
  private final Action next = new CapturingAction(reachedNext);

  @TempDir static Path results;

  @BeforeAll
  static void startServer() {
    // the end-of-run report of each test's run looks for a Gatling run folder here, and finds none
    System.setProperty(ResultsDirectory.PROPERTY, results.toString());
    server =
        MockLlmServer.start(
            MockConfig.builder().port(0).ttftMs(TTFT_MS).itlMs(ITL_MS).build());
  }

  @AfterAll
  static void stopServer() {
    System.clearProperty(ResultsDirectory.PROPERTY);
    server.close();
  }

  @BeforeEach
  void startGatlingParts() {
    GatlingConfiguration configuration = GatlingConfiguration.load();
    // The same transport Gatling would use, so that the client's sockets fit the loops.
    loops =
        Transports.newEventLoopGroup(
            configuration.netty().useNativeTransport(), configuration.netty().useIoUring(), 1, "test-user");
    actorSystem = new ActorSystem();
    stats = new RecordingStatsEngine();
    Clock clock = System::currentTimeMillis;
    core = new CoreComponents(actorSystem, loops, null, scala.Option.empty(), stats, clock, null, configuration);
  }

  @AfterEach
  void stopGatlingParts() throws Exception {
    actorSystem.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private LlmComponents lastComponents;
  /** Every request the runs of this test recorded, in recording order (the run itself keeps none). */
  private final List<RequestRecord> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The components of a new run, whose recorded requests are collected into {@link #recorded}. */
  private LlmComponents components(CoreComponents core, LlmProtocol protocol) {
    LlmComponents components = LlmProtocolKey.INSTANCE.newComponents(core).apply(protocol);
    components.run().recorder().addListener(recorded::add);
    return components;
  }

  private Action action(LlmProtocolBuilder protocol, LlmRequestBuilder<?> request) {
    LlmComponents components =
        components(core, (LlmProtocol) protocol.protocol());
    lastComponents = components;
    return ((LlmActionBuilder) request.asScala()).build(components, next);
  }

  /** The last request recorded by the run of the last action built. */
  private RequestRecord lastRecord() {
    List<RequestRecord> records = recorded;
    return records.get(records.size() - 1);
  }

  private Session session(long userId, String prompt) {
    return Session$.MODULE$.apply("scenario", userId, loops.next()).set("prompt", prompt);
  }

  private Session awaitNext() throws InterruptedException {
    Session session = reachedNext.poll(20, TimeUnit.SECONDS);
    assertNotNull(session, "the virtual user never reached the next action");
    return session;
  }

  private LlmProtocolBuilder protocol() {
    return LlmDsl.llm.baseUrl(server.baseUrl()).model("mock-llm").apiKey(null).clientWarmUp(false);
  }

  @Test
  void aScheduledArrivalIsTheIntendedStartOfTheUsersNextRequestOnly() throws Exception {
    Action action = action(protocol(), LlmDsl.completion("scheduled").prompt("#{prompt}").maxTokens(2));
    // The load meant this request to start 30 ms ago (a late wake-up, a busy client): that lateness is queue time.
    long scheduled = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(30);
    action.$bang(session(1, "one two").set(ScheduledStart.ATTRIBUTE, scheduled));
    Session after = awaitNext();
    RequestRecord first = lastRecord();
    assertEquals(scheduled, first.intendedNanos());
    assertTrue(first.queueNanos() >= TimeUnit.MILLISECONDS.toNanos(30), "queue " + first.queueNanos());
    assertFalse(after.contains(ScheduledStart.ATTRIBUTE), "taken once");
    // The user's next request starts when the user reaches it: no schedule left to be late against.
    long reached = System.nanoTime();
    action.$bang(after);
    awaitNext();
    assertTrue(lastRecord().intendedNanos() - reached >= 0, "intended at the action, not at the old arrival");
  }

  @Test
  void aRequestReachedBeforeItsScheduledArrivalIsSentAtIt() throws Exception {
    Action action = action(protocol(), LlmDsl.completion("early").prompt("#{prompt}").maxTokens(2));
    long scheduled = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    action.$bang(session(1, "one two").set(ScheduledStart.ATTRIBUTE, scheduled));
    awaitNext();
    RequestRecord record = lastRecord();
    assertEquals(scheduled, record.intendedNanos());
    assertTrue(record.sendNanos() - scheduled >= 0, "sent " + (record.sendNanos() - scheduled) + " ns before it");
  }

  @Test
  void successfulChatRequestIsReportedToGatlingWithTtftTpotAndEveryGap() throws Exception {
    LlmComponents components =
        components(core, (LlmProtocol) protocol().itlStats(ItlStats.EVERY_GAP).protocol());
    Action action =
        ((LlmActionBuilder) LlmDsl.chat("chat").prompt("#{prompt}").maxTokens(8).ignoreEos(true).asScala())
            .build(components, next);
    action.$bang(session(1, "one two three four"));
    Session after = awaitNext();

    assertFalse(after.isFailed());
    List<RecordingStatsEngine.Response> main = stats.named("chat");
    assertEquals(1, main.size());
    assertEquals(1, stats.responses.size(), "one Gatling request per LLM request; the timings are groups");
    assertEquals("OK", main.get(0).status());
    assertEquals("200", main.get(0).code());
    RecordingStatsEngine.GroupEnd ttft = stats.groupsNamed("chat TTFT").get(0);
    // The server cannot answer before its TTFT; the upper bound only catches gross errors (a busy CI machine can
    // delay a cold JVM's first request by a lot, so no tight bound here: accuracy is measured in BENCHMARKS.md).
    assertTrue(ttft.durationMillis() >= TTFT_MS && ttft.durationMillis() < TTFT_MS + 1000, "TTFT " + ttft);
    assertEquals(1, stats.groupsNamed("chat TPOT").size());
    // chat: a role chunk, then 8 token chunks -> 9 chunks, 8 gaps, each one Gatling group record
    assertEquals(8, stats.groupsNamed("chat ITL").size());
    RequestRecord record = recorded.get(0);
    assertEquals(9, record.chunkCount());
    assertEquals(8, record.outputTokens());
    // The mock writes token k (from 1) no earlier than TTFT + (k - 1) * ITL after it read the request, which is
    // after the send: the last chunk cannot come before TTFT + 7 ITL.
    assertTrue(record.e2elNanos() >= TimeUnit.MILLISECONDS.toNanos(TTFT_MS + 7 * ITL_MS), "E2EL " + record.e2elNanos());
    for (int i = 0; i < 8; i++) {
      assertEquals(Math.round(record.itlNanos(i) / 1e6), stats.groupsNamed("chat ITL").get(i).durationMillis());
    }
    assertTrue(stats.crashes.isEmpty());
  }

  /**
   * One chat request of 8 tokens ("one two three") to a mock reasoning model whose first 3 tokens are reasoning;
   * returns its record once the user reached the next action.
   */
  private RequestRecord askReasoningMock(int ttftMs, int itlMs, boolean logRequests) throws Exception {
    try (MockLlmServer reasoning =
        MockLlmServer.start(MockConfig.builder().port(0).ttftMs(ttftMs).itlMs(itlMs).reasoningTokens(3).build())) {
      LlmProtocolBuilder protocol =
          LlmDsl.llm.baseUrl(reasoning.baseUrl()).model("mock-llm").apiKey(null).clientWarmUp(false)
              .logRequests(logRequests);
      LlmComponents components =
          components(core, (LlmProtocol) protocol.protocol());
      Action action =
          ((LlmActionBuilder) LlmDsl.chat("think").prompt("#{prompt}").maxTokens(8).ignoreEos(true).asScala())
              .build(components, next);
      action.$bang(session(8, "one two three"));
      assertFalse(awaitNext().isFailed());
      return recorded.get(0);
    }
  }

  /**
   * A reasoning model (the mock with K = 3 reasoning tokens): TTFT is the first chunk (the role chunk, written with
   * the first reasoning token), TTFO the first answer chunk, 3 ITL later; reasoning tokens come from usage.
   */
  /**
   * The mock's prefix cache reports usage.prompt_tokens_details.cached_tokens: the same 40-word prompt misses (0 cached)
   * then hits (its 2 full 16-word blocks, 32 tokens); with the cache off the field is absent, so the count is unknown.
   */
  @Test
  void cachedPromptTokensReachTheRecordAsTheServerReportsThem() throws Exception {
    String prompt = String.join(" ", java.util.Collections.nCopies(40, "word"));
    Action action = action(protocol(), LlmDsl.chat("chat").prompt("#{prompt}").maxTokens(2).ignoreEos(true));
    action.$bang(session(1, prompt));
    awaitNext();
    RequestRecord first = lastRecord();
    action.$bang(session(1, prompt));
    awaitNext();
    RequestRecord second = lastRecord();
    assertEquals(first.promptTokens(), second.promptTokens());
    assertEquals(0, first.cachedTokens(), "a cold prompt is a reported miss, not unknown");
    assertEquals(32, second.cachedTokens(), "its two full blocks of 16 tokens");

    try (MockLlmServer off = MockLlmServer.start(MockConfig.builder().port(0).prefixCacheBlocks(0).build())) {
      Action uncached = action(LlmDsl.llm.baseUrl(off.baseUrl()).model("mock-llm").apiKey(null).clientWarmUp(false),
          LlmDsl.chat("chat").prompt("#{prompt}").maxTokens(2).ignoreEos(true));
      uncached.$bang(session(2, prompt));
      awaitNext();
      assertEquals(RequestRecord.UNKNOWN_TOKENS, lastRecord().cachedTokens());
    }
  }

  @Test
  void reasoningStreamTtftIsTheFirstReasoningChunkAndTtfoTheFirstAnswerChunk() throws Exception {
    int itlMs = 20;
    RequestRecord record = askReasoningMock(TTFT_MS, itlMs, false);
    assertTrue(record.success());
    // role chunk, 3 reasoning chunks, 5 answer chunks
    assertEquals(9, record.chunkCount());
    assertEquals(3, record.reasoningChunkCount());
    assertEquals(5, record.answerChunkCount());
    assertEquals(8, record.outputTokens());
    assertEquals(3, record.reasoningTokens());
    assertEquals(io.github.gatlingllm.metrics.TokenSource.USAGE, record.reasoningTokenSource());
    assertEquals(5, io.github.gatlingllm.metrics.TokenCounts.answerTokens(record));
    // TTFT: the first chunk, the role chunk the mock writes together with the first reasoning token
    assertEquals(record.chunkNanos(0) - record.sendNanos(), record.ttftNanos());
    assertTrue(record.chunkNanos(1) - record.chunkNanos(0) < TimeUnit.MILLISECONDS.toNanos(itlMs),
        "the first reasoning token rides with the role chunk");
    assertTrue(record.ttftNanos() >= TimeUnit.MILLISECONDS.toNanos(TTFT_MS), "TTFT " + record.ttftNanos());
    // TTFO: the first answer chunk (token 4 of 8), which the mock writes no earlier than TTFT + 3 ITL after it
    // read the request (a late first token does not push the later ones back: no bound on TTFO - TTFT)
    assertEquals(record.chunkNanos(4), record.firstContentNanos());
    assertTrue(record.ttfoNanos() > record.ttftNanos());
    assertTrue(record.ttfoNanos() >= TimeUnit.MILLISECONDS.toNanos(TTFT_MS + 3 * itlMs),
        "TTFO " + record.ttfoNanos() + " TTFT " + record.ttftNanos());
    assertNull(record.reasoningText(), "texts are only captured when requests are logged");
  }

  /** With logRequests, a reasoning request keeps its reasoning text apart from the answer (llm-requests.jsonl). */
  @Test
  void loggedReasoningRequestKeepsTheReasoningTextApartFromTheAnswer() throws Exception {
    RequestRecord record = askReasoningMock(1, 1, true);
    assertEquals(3, record.reasoningTokens());
    // The mock's words, in order: tokens 1-3 as reasoning_content, 4-8 as content.
    assertEquals(" the of and", record.reasoningText());
    assertEquals(" to in is that for", record.generatedText(), "the answer without the reasoning");
  }

  @Test
  void tgiRequestIsTimedPerTokenEventAndCountedFromTheFinalDetails() throws Exception {
    LlmComponents components =
        components(core, (LlmProtocol) protocol().itlStats(ItlStats.EVERY_GAP).protocol());
    Action action =
        ((LlmActionBuilder) LlmDsl.tgi("tgi").prompt("#{prompt}").maxTokens(12).asScala()).build(components, next);
    action.$bang(session(1, "one two three four five"));
    Session after = awaitNext();

    assertFalse(after.isFailed());
    assertEquals("OK", stats.named("tgi").get(0).status());
    RecordingStatsEngine.GroupEnd ttft = stats.groupsNamed("tgi TTFT").get(0);
    assertTrue(ttft.durationMillis() >= TTFT_MS && ttft.durationMillis() < TTFT_MS + 1000, "TTFT " + ttft);
    RequestRecord record = recorded.get(0);
    // TGI: one event per token, no role event and no [DONE]; the mock's seeded length is in [1, 12].
    int tokens = record.chunkCount();
    assertTrue(tokens >= 1 && tokens <= 12, "chunks " + tokens);
    assertEquals(tokens, record.outputTokens(), "details.generated_tokens");
    assertEquals(io.github.gatlingllm.metrics.TokenSource.USAGE, record.outputTokenSource());
    assertEquals(5, record.promptTokens(), "details.input_length");
    assertEquals(tokens - 1, stats.groupsNamed("tgi ITL").size());
    assertTrue(record.e2elNanos() >= TimeUnit.MILLISECONDS.toNanos(TTFT_MS + (tokens - 1) * ITL_MS));
    assertTrue(stats.crashes.isEmpty());
  }

  @Test
  void llmOnRaySimpleRequestIsTimedPerBodyChunkAndCountedInChunks() throws Exception {
    LlmComponents components =
        components(core, (LlmProtocol) protocol().logRequests(true).itlStats(ItlStats.EVERY_GAP).protocol());
    LlmRequestBuilder<?> request = LlmDsl.llmOnRaySimple("simple").prompt("#{prompt}").maxTokens(12).ignoreEos(true);
    Action action = ((LlmActionBuilder) request.asScala()).build(components, next);
    action.$bang(session(1, "one two three four five"));
    Session after = awaitNext();

    assertFalse(after.isFailed());
    assertEquals("OK", stats.named("simple").get(0).status());
    RequestRecord record = recorded.get(0);
    // The mock writes each token as its own HTTP chunk, and each chunk is one event even when reads batch them.
    assertEquals(12, record.chunkCount());
    assertEquals(12, record.outputTokens());
    assertEquals(io.github.gatlingllm.metrics.TokenSource.CHUNKS, record.outputTokenSource(), "a raw body has no usage");
    assertEquals(" the of and to in is that for it as was with", record.generatedText());
    assertEquals(11, stats.groupsNamed("simple ITL").size());
    double ttftMs = record.ttftNanos() / 1e6;
    double meanItlMs = (record.lastChunkNanos() - record.firstChunkNanos()) / 1e6 / 11;
    System.out.printf("llm-on-ray-simple vs mock: TTFT %.2f ms (configured %d), mean ITL %.2f ms (configured %d)%n",
        ttftMs, TTFT_MS, meanItlMs, ITL_MS);
    assertTrue(ttftMs >= TTFT_MS && ttftMs < TTFT_MS + 500, "TTFT " + ttftMs);
    // The mock never writes token k before TTFT + k ITL, but a late wake-up on a loaded machine writes the tokens due
    // by then together: the gaps have a floor only as a whole, from the send to the last chunk.
    assertTrue(record.lastChunkNanos() - record.sendNanos() >= TimeUnit.MILLISECONDS.toNanos(TTFT_MS + 11 * ITL_MS));
    assertTrue(meanItlMs < ITL_MS + 50, "mean ITL " + meanItlMs);
    assertTrue(stats.crashes.isEmpty());
  }

  @Test
  void httpErrorIsAKoWithItsStatusAndTheUserGoesOnFailed() throws Exception {
    Action action =
        action(
            protocol().header("x-mock-fault", "HTTP_ERROR"),
            LlmDsl.completion("completion").prompt("#{prompt}").maxTokens(4));
    action.$bang(session(2, "hello"));
    Session after = awaitNext();

    assertTrue(after.isFailed());
    RecordingStatsEngine.Response response = stats.named("completion").get(0);
    assertEquals("KO", response.status());
    assertTrue(response.message().startsWith("HTTP 5"), response.message());
    assertTrue(stats.groupEnds.isEmpty(), "no TTFT, TPOT or ITL record for a failed request");
  }

  @Test
  void requestThatCannotBeBuiltIsACrashAndAFailedRecord() throws Exception {
    Action action = action(protocol(), LlmDsl.completion("completion").prompt("#{missing}").maxTokens(4));
    action.$bang(session(3, "unused"));
    Session after = awaitNext();

    assertTrue(after.isFailed());
    assertEquals(1, stats.crashes.size());
    assertTrue(stats.crashes.get(0).error().contains("missing"), stats.crashes.get(0).error());
  }

  /**
   * One conversation round: the per-request header reaches the server, the request is tagged with its conversation
   * user and round, and the answer (the mock's text) and its token count land in the session through the checks'
   * saveAs, for the next round, without the text being kept in the run's records.
   */
  @Test
  void conversationRoundSendsItsHeaderAndSavesTheAnswerForTheNextRound() throws Exception {
    Action action =
        action(
            protocol(),
            LlmDsl.chat("round")
                .prompt("#{prompt}")
                .maxTokens(5)
                .ignoreEos(true)
                .header("x-user-id", "#{uid}")
                .conversation("#{uid}", "#{round}")
                .check(LlmDsl.answer().saveAs("answer"), LlmDsl.outputTokens().saveAs("answerTokens")));
    action.$bang(session(7, "tell me a story").set("uid", 42).set("round", 3));
    Session after = awaitNext();

    assertFalse(after.isFailed());
    assertEquals(" the of and to in", after.attributes().apply("answer"));
    assertEquals(5, after.attributes().apply("answerTokens"));
    RequestRecord record = lastRecord();
    assertEquals(42, record.conversationUser());
    assertEquals(3, record.conversationRound());
    assertEquals(null, record.generatedText(), "the answer goes to the session, not into the kept records");
    String sent = MockRequests.get(server);
    assertTrue(sent.contains("\"user_id\":\"42\""), sent);
  }

  /** As Gatling's HTTP checks: a failed request has no response to check, so nothing is saved (the old value stays). */
  @Test
  void failedRequestRunsNoCheckAndSavesNothing() throws Exception {
    Action action =
        action(
            protocol().header("x-mock-fault", "HTTP_ERROR"),
            LlmDsl.chat("round").prompt("#{prompt}").maxTokens(5)
                .check(LlmDsl.answer().saveAs("answer"), LlmDsl.outputTokens().saveAs("n")));
    action.$bang(session(8, "hello").set("answer", "an older answer").set("n", 9));
    Session after = awaitNext();

    assertTrue(after.isFailed());
    assertEquals("an older answer", after.attributes().apply("answer"));
    assertEquals(9, after.attributes().apply("n"));
    assertEquals(ErrorCategory.HTTP_STATUS, lastRecord().error(), "the server's failure, not a check's");
  }

  /**
   * A failing check makes the request KO in Gatling with Gatling's check message, and failed in the summary with the
   * bounded category "check failed" (the message is the record's detail); its timings are not reported, as for any
   * failed request. The checks before and after it still run and save.
   */
  @Test
  void failingCheckIsAGatlingKoWithItsMessageAndACheckFailureInTheSummary() throws Exception {
    Action action =
        action(
            protocol(),
            LlmDsl.chat("checked")
                .prompt("#{prompt}")
                .maxTokens(5)
                .ignoreEos(true)
                .check(LlmDsl.outputTokens().saveAs("n"), LlmDsl.answer().is("x"), LlmDsl.answer().saveAs("a")));
    action.$bang(session(11, "hello"));
    Session after = awaitNext();

    assertTrue(after.isFailed());
    assertEquals(5, after.attributes().apply("n"));
    assertEquals(" the of and to in", after.attributes().apply("a"));
    RecordingStatsEngine.Response response = stats.named("checked").get(0);
    assertEquals("KO", response.status());
    assertEquals("answer.find.is(x), found  the of and to in", response.message(), "Gatling's own wording");
    assertTrue(stats.groupsNamed("checked TTFT").isEmpty(), "a failed request reports no timings");
    RequestRecord record = lastRecord();
    assertEquals(ErrorCategory.CHECK, record.error());
    assertEquals("check failed", record.errorLabel());
    assertEquals(response.message(), record.errorDetail());
    assertEquals(5, record.outputTokens(), "the stream itself was measured in full");
  }

  @Test
  void passingChecksOnTokensAndATransformedAnswerKeepTheRequestOk() throws Exception {
    Action action =
        action(
            protocol(),
            LlmDsl.completion("checked")
                .prompt("#{prompt}")
                .maxTokens(4)
                .ignoreEos(true)
                .check(
                    LlmDsl.outputTokens().is(4),
                    LlmDsl.outputTokens().in(3, 4, 5),
                    LlmDsl.inputTokens().gt(0),
                    LlmDsl.answer().transform(String::trim).is("the of and to"),
                    LlmDsl.answer().not("x")));
    action.$bang(session(12, "hello there"));
    Session after = awaitNext();

    assertFalse(after.isFailed(), stats.responses.toString());
    assertEquals("OK", stats.named("checked").get(0).status());
    assertTrue(lastRecord().success());
  }

  /**
   * No prompt token count known (the request gives none, LLM-on-Ray's raw body carries no usage): inputTokens finds
   * nothing.
   */
  @Test
  void inputTokensFindsNothingWhenNoCountIsKnown() throws Exception {
    Action action =
        action(
            protocol(),
            LlmDsl.llmOnRaySimple("simple").prompt("#{prompt}").maxTokens(3)
                .check(LlmDsl.inputTokens().notExists(), LlmDsl.inputTokens().withDefault(-1).saveAs("in")));
    action.$bang(session(13, "hello"));
    Session after = awaitNext();

    assertFalse(after.isFailed(), stats.responses.toString());
    assertEquals(-1, after.attributes().apply("in"));
  }

  /** The name is Gatling EL, resolved per request: the request and its timings are reported under the value. */
  @Test
  void requestNameIsResolvedPerRequest() throws Exception {
    Action action =
        action(protocol(), LlmDsl.chat("round #{round}").prompt("#{prompt}").maxTokens(3).ignoreEos(true));
    action.$bang(session(14, "hello").set("round", 2));
    assertFalse(awaitNext().isFailed());
    action.$bang(session(15, "hello").set("round", 3));
    assertFalse(awaitNext().isFailed());

    assertEquals(1, stats.named("round 2").size());
    assertEquals(1, stats.named("round 3").size());
    assertEquals(1, stats.groupsNamed("round 3 TTFT").size());
    assertEquals("round 3", lastRecord().requestName());
  }

  /** A name that does not resolve fails the request before sending, under the name's EL source, in both reports. */
  @Test
  void requestNameThatDoesNotResolveIsARequestBuildError() throws Exception {
    Action action = action(protocol(), LlmDsl.chat("#{step}").prompt("#{prompt}").maxTokens(3));
    action.$bang(session(16, "hello"));
    Session after = awaitNext();

    assertTrue(after.isFailed());
    RecordingStatsEngine.Crash crash = stats.crashes.get(0);
    assertEquals("#{step}", crash.name());
    assertTrue(crash.error().startsWith("request name: "), crash.error());
    assertTrue(crash.error().contains("step"), crash.error());
    assertEquals(ErrorCategory.REQUEST_BUILD_ERROR, lastRecord().error());
    assertEquals("#{step}", lastRecord().requestName());
  }

  @Test
  void headerValueOnSeveralLinesIsARequestBuildError() throws Exception {
    Action action =
        action(protocol(), LlmDsl.chat("round").prompt("#{prompt}").maxTokens(2).header("x-user-id", "#{uid}"));
    action.$bang(session(9, "hello").set("uid", "1\r\nx-injected: yes"));
    Session after = awaitNext();

    assertTrue(after.isFailed());
    String error = stats.crashes.get(0).error();
    assertTrue(error.contains("header x-user-id: expected a one-line value"), error);
    // the value may be a credential: neither the crash message nor the saved error detail repeats any of it
    assertFalse(error.contains("x-injected") || error.contains("1\r"), error);
    assertFalse(lastRecord().errorDetail().contains("x-injected"), lastRecord().errorDetail());
  }

  @Test
  void aWarmUpAnsweredWithUsageEndsTheTextCopiesMadeForCounting() throws Exception {
    Action warmUp =
        action(
            protocol().countOutputTokens(new WordTestTokenizer()),
            LlmDsl.completion("warm").prompt("#{prompt}").maxTokens(3).ignoreEos(true).warmUp());
    assertFalse(lastComponents.run().serverSendsUsage(), "nothing known before the first answer");
    warmUp.$bang(session(30, "hello there"));
    assertFalse(awaitNext().isFailed());
    assertTrue(lastComponents.run().serverSendsUsage(), "the mock's usage, seen on a warm-up");
    assertTrue(recorded.isEmpty(), "a warm-up is still not measured");
  }

  @Test
  void concurrencyCapQueuesOnTheClientAndTheQueueTimeIsRecorded() throws Exception {
    LlmComponents components =
        components(core, (LlmProtocol) protocol().maxConcurrency(1).protocol());
    Action action =
        ((LlmActionBuilder) LlmDsl.completion("capped").prompt("#{prompt}").maxTokens(4).ignoreEos(true).asScala())
            .build(components, next);
    for (int i = 0; i < 3; i++) {
      action.$bang(session(10 + i, "p"));
    }
    for (int i = 0; i < 3; i++) {
      assertFalse(awaitNext().isFailed());
    }
    List<RequestRecord> records = new ArrayList<>(recorded);
    assertEquals(3, records.size());
    records.sort((a, b) -> Long.compare(a.sendNanos(), b.sendNanos()));
    // one at a time: each request is sent after the previous one's last chunk
    for (int i = 1; i < 3; i++) {
      assertTrue(records.get(i).sendNanos() >= records.get(i - 1).lastChunkNanos());
    }
    RequestRecord second = records.get(1);
    RequestRecord third = records.get(2);
    // The third was queued before the second went out and left after the second's last chunk, so its queue time
    // covers the whole second request. (Not 2 x TTFT: the first request may reach the server before the third is
    // even queued, so only one full request is a bound that cannot fail on a busy machine.)
    assertTrue(third.intendedNanos() <= second.sendNanos(), "third queued after the second was sent");
    assertEquals(third.sendNanos() - third.intendedNanos(), third.queueNanos());
    assertTrue(third.queueNanos() >= second.lastChunkNanos() - second.sendNanos(), "queue " + third.queueNanos());
    assertTrue(third.queueNanos() >= TimeUnit.MILLISECONDS.toNanos(TTFT_MS + 3 * ITL_MS), "queue " + third.queueNanos());
    records.forEach(r -> assertEquals(null, r.error()));
    records.forEach(r -> assertEquals(4, r.outputTokens()));
  }

  /** Each mock fault reaches Gatling as a KO with its bounded category, and the user goes on, failed. */
  @ParameterizedTest
  @CsvSource({
    "MALFORMED, MALFORMED_EVENT",
    "CUT, CONNECTION_CLOSED",
    "ERROR_EVENT, SERVER_ERROR_EVENT",
    "STALL, IDLE_TIMEOUT",
  })
  void eachStreamFaultIsAKoWithItsCategory(String fault, ErrorCategory expected) throws Exception {
    Action action =
        action(
            protocol()
                .header("x-mock-fault", fault)
                .header("x-mock-fault-stall-ms", "5000")
                .idleTimeout(java.time.Duration.ofMillis(300)),
            LlmDsl.completion("completion").prompt("#{prompt}").maxTokens(8).ignoreEos(true));
    action.$bang(session(4, "hello"));
    assertTrue(awaitNext().isFailed());
    RecordingStatsEngine.Response response = stats.named("completion").get(0);
    assertEquals("KO", response.status());
    assertEquals(expected.label(), response.message());
  }

  @Test
  void firstTokenTimeoutIsAKo() throws Exception {
    Action action =
        action(
            protocol().firstTokenTimeout(java.time.Duration.ofMillis(10)),
            LlmDsl.completion("completion").prompt("#{prompt}").maxTokens(4));
    action.$bang(session(5, "hello"));
    assertTrue(awaitNext().isFailed());
    assertEquals(ErrorCategory.FIRST_TOKEN_TIMEOUT.label(), stats.named("completion").get(0).message());
  }

  @Test
  void warmUpRequestsStayOutOfTheSummaryButReachGatling() throws Exception {
    LlmComponents components =
        components(core, (LlmProtocol) protocol().protocol());
    Action action =
        ((LlmActionBuilder) LlmDsl.completion("warm-up").prompt("#{prompt}").maxTokens(2).warmUp().asScala())
            .build(components, next);
    action.$bang(session(6, "hello"));
    assertFalse(awaitNext().isFailed());
    assertEquals(1, stats.named("warm-up").size());
    assertEquals(0, recorded.size());
  }

  @Test
  void theEndOfTheRunWritesTheSummaryIntoGatlingsRunFolder() throws Exception {
    ActorSystem ownSystem = new ActorSystem();
    // Gatling's own stats engine, which creates this run's folder (results/servingbenchmark-<start>/simulation.log)
    // before any component exists, as in a real run; another run's folder next to it, written later, is not ours.
    GatlingStatsEngines.Run gatling =
        GatlingStatsEngines.start(
            ownSystem, GatlingStatsEngines.message("servingbenchmark", 1_790_000_000_000L), results);
    Path runFolder = results.resolve("servingbenchmark-20260921141320000");
    Path otherRun = Files.createDirectories(results.resolve("servingbenchmark-20260921141320001"));
    Files.writeString(otherRun.resolve("simulation.log"), "another run, started a millisecond later");
    CoreComponents ownCore =
        new CoreComponents(
            ownSystem, loops, null, scala.Option.empty(), gatling.engine(), System::currentTimeMillis, null,
            core.configuration());
    LlmComponents components =
        components(ownCore, (LlmProtocol) protocol().protocol());
    Action action =
        ((LlmActionBuilder) LlmDsl.completion("c").prompt("#{prompt}").maxTokens(3).ignoreEos(true).asScala())
            .build(components, next);
    action.$bang(session(7, "a b c d e"));
    assertFalse(awaitNext().isFailed());

    gatling.close(); // what Gatling does when the load ends: the stats engine stops, then the actor system
    ownSystem.close(); // the plugin's termination hook reports
    assertFalse(Files.exists(otherRun.resolve("llm-summary.json")));
    assertEquals(2, Files.readAllLines(runFolder.resolve("llm-requests.csv")).size(), "header + the one request");
    String json = Files.readString(runFolder.resolve("llm-summary.json"));
    assertTrue(json.contains("\"dropped_rows\" : 0"), json);
    assertTrue(json.contains("\"completed\" : 1"), json);
    assertTrue(json.contains("\"total_output_tokens\" : 3"), json);
    assertTrue(json.contains("\"total_input_tokens\" : 5"), json);
    assertTrue(json.contains("\"client_cpu_seconds\""), json);
    assertTrue(
        Files.readString(runFolder.resolve("llm-summary.txt")).startsWith("============ Serving Benchmark Result"));
  }

  /** The action after the LLM request: hands the session to the test. */
  private static final class CapturingAction implements Action {
    private final BlockingQueue<Session> sink;
    private com.typesafe.scalalogging.Logger logger =
        com.typesafe.scalalogging.Logger.apply(org.slf4j.LoggerFactory.getLogger(CapturingAction.class));

    CapturingAction(BlockingQueue<Session> sink) {
      this.sink = sink;
    }

    @Override
    public String name() {
      return "capture";
    }

    @Override
    public void execute(Session session) {
      sink.add(session);
    }

    @Override
    public com.typesafe.scalalogging.Logger logger() {
      return logger;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(com.typesafe.scalalogging.Logger l) {
      this.logger = l;
    }
  }
}
