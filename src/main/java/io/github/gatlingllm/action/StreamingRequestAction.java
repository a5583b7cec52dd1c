package io.github.gatlingllm.action;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.github.gatlingllm.api.GenerationRequest;
import io.github.gatlingllm.client.BodyFormat;
import io.github.gatlingllm.client.StreamingRequest;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.protocol.ConcurrencyLimiter;
import io.github.gatlingllm.protocol.LlmComponents;
import io.github.gatlingllm.protocol.LlmProtocol;
import io.github.gatlingllm.protocol.StreamRecording;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Sends one streaming LLM request per virtual user passing through, owns its timing and reports it: to Gatling's stats
 * ({@link GatlingRecords}) and, exactly, to the run's LLM summary.
 *
 * <p>The request's intended start is its scheduled arrival when the load gave one ({@link ScheduledStart}), else the
 * moment the user reaches this action; any lateness of the send and any wait for the concurrency cap come after it,
 * so they are measured (client queue time) rather than hidden. A request reached before its scheduled arrival is
 * built at once and sent at the arrival.
 */
final class StreamingRequestAction extends LlmActionBase {
  private final RequestTemplate template;
  private final LlmComponents components;
  private final LlmProtocol protocol;
  private final ConcurrencyLimiter limiter;
  private final GatlingRecords gatlingRecords;
  private final ResponseChecks checks;
  private final List<Map.Entry<String, String>> headers;
  /** Prompt and generated text kept for {@code llm-requests.jsonl}; never for warm-ups, which are not recorded. */
  private final boolean logRequests;
  /** Output tokens may have to be counted from the text (a tokenizer is set and this is no warm-up). */
  private final boolean countsOutputText;

  StreamingRequestAction(RequestTemplate template, LlmComponents components, Action next) {
    super(
        template.requestName().label(),
        next,
        components.run().core().statsEngine(),
        components.run().core().clock());
    this.template = template;
    this.components = components;
    this.protocol = components.protocol();
    this.limiter = components.limiter();
    this.checks = template.extras().checks();
    this.gatlingRecords = new GatlingRecords(statsEngine, components.run().timeBase(), protocol.itlStats());
    this.headers = requestHeaders(protocol);
    this.logRequests = protocol.report().logRequests() && !template.warmUp();
    this.countsOutputText = protocol.report().outputTokenizer() != null && !template.warmUp();
    components.run().noteDialect(template.dialect().name());
  }

  private static List<Map.Entry<String, String>> requestHeaders(LlmProtocol protocol) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (protocol.apiKey() != null && !protocol.apiKey().isEmpty()) {
      headers.add(Map.entry("Authorization", "Bearer " + protocol.apiKey()));
    }
    headers.addAll(protocol.headers());
    return List.copyOf(headers);
  }

  @Override
  protected void run(Session reached) {
    long intended = ScheduledStart.intendedNanos(reached, System.nanoTime());
    Session session = ScheduledStart.taken(reached);
    String requestName;
    RequestBuildException badName = null;
    try {
      requestName = template.requestName().resolve(session);
    } catch (RequestBuildException e) {
      // Recorded under the name's label (its EL source), so that Gatling and the summary both count the failure.
      requestName = template.requestName().label();
      badName = e;
    }
    RequestRecord record = new RequestRecord(requestName);
    record.origin(session.scenario(), session.userId(), components.run().nextRequestId());
    record.groups(groupsOf(session));
    record.intended(intended);
    if (!template.warmUp()) {
      components.run().requestStarted(record);
    }
    if (badName != null) {
      failBeforeSending(session, record, badName.getMessage());
      return;
    }
    StreamingRequest request;
    try {
      GenerationRequest generation = template.evaluate(session, protocol.model());
      byte[] body = template.dialect().body(generation);
      RequestExtras extras = template.extras();
      request =
          new StreamingRequest(
              protocol.target(),
              template.evaluatePath(session, generation),
              extras.headers(headers, session),
              body,
              template.dialect().rawBody() ? BodyFormat.RAW : BodyFormat.SSE);
      if (extras.inConversation()) {
        record.conversation(extras.evaluateConversationUser(session), extras.evaluateConversationRound(session));
      }
      int promptTokens = template.evaluatePromptTokens(session);
      if (promptTokens >= 0) {
        record.promptTokens(promptTokens, TokenSource.TOKENIZER); // the server's usage replaces it when sent
      }
      if (logRequests) {
        record.requestBody(body); // the writer thread reads the prompt out of it: nothing to parse here
      }
    } catch (RequestBuildException | IllegalArgumentException e) {
      failBeforeSending(session, record, e.getMessage());
      return;
    }
    StreamRecording recording = new StreamRecording(template.dialect(), record);
    // Counting needs the text only until the server has shown it sends usage: then the copy of every chunk is saved.
    if (logRequests || (countsOutputText && !components.run().serverSendsUsage())) {
      recording.captureGeneratedText(true);
    } else if (checks.readsAnswer()) {
      recording.captureGeneratedText(false);
    }
    StreamExchange exchange = new StreamExchange(this, session, request, recording);
    Runnable start = limiter == null ? exchange : () -> limiter.submit(session.eventLoop(), exchange);
    long early = intended - System.nanoTime();
    if (early <= 0) {
      start.run();
      return;
    }
    // Prepared ahead of its scheduled time (the load paces users a little early): only the send waits for it, so the
    // work before it (feeding, templates, the body) never makes a scheduled request late.
    // Outside this action's own crash handling by then: a failure to start must still end the request and the user.
    Runnable guarded =
        () -> {
          try {
            start.run();
          } catch (RuntimeException e) {
            logger().underlying().error("'{}' could not send a scheduled request", template.requestName().label(), e);
            failBeforeSending(session, record, "the scheduled send failed: " + e);
          }
        };
    try {
      session.eventLoop().schedule(guarded, early, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      guarded.run(); // the run is ending: the client ends the request as cancelled
    }
  }

  /** The session's group path (outermost first, as Gatling keeps it) as an immutable Java list. */
  private static List<String> groupsOf(Session session) {
    scala.collection.immutable.List<String> groups = session.groups();
    return groups.isEmpty() ? List.of() : List.copyOf(CollectionConverters.asJava(groups));
  }

  private void failBeforeSending(Session session, RequestRecord record, String message) {
    statsEngine.logRequestCrash(session.scenario(), session.groups(), record.requestName(), message);
    record.failed(ErrorCategory.REQUEST_BUILD_ERROR, message);
    record.ended(record.intendedNanos());
    if (!template.warmUp()) {
      components.run().record(record);
    }
    next.$bang(session.markAsFailed());
  }

  void execute(StreamExchange exchange, StreamingRequest request) {
    components.client().execute(exchange.session().eventLoop(), request, exchange);
  }

  /** The end of a request that was started (and so holds a concurrency slot when there is a cap). */
  void complete(Session session, RequestRecord record, String capturedText) {
    if (limiter != null) {
      limiter.release(session.eventLoop());
    }
    // Checks first (a failing one makes the request KO in both Gatling and the summary), then Gatling's stats and
    // the session: once handed to the run, the record may be completed on the token-counting thread. Like Gatling's
    // HTTP checks, they run on responses only: a failed request saves nothing (a previous value stays).
    Session checked = session;
    if (record.success() && !checks.isEmpty()) {
      checked = checks.apply(session, record, capturedText);
    }
    // A request the end of the run cut is not a response of the server: Gatling, which stops counting at that
    // moment, does not get it (the LLM summary counts it as cancelled).
    if (record.error() != ErrorCategory.CANCELLED) {
      gatlingRecords.log(session, record);
    }
    Session after = checked.logGroupRequestTimings(gatlingRecords.startMillis(record), gatlingRecords.endMillis(record));
    boolean success = record.success();
    // warm-ups too: they show as well as any request whether the server sends usage
    components.run().noteOutputTokenSource(record.outputTokenSource());
    if (!template.warmUp()) {
      components.run().record(record);
    }
    next.$bang(success ? after : after.markAsFailed());
  }
}
