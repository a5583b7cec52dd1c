package io.github.gatlingllm.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Everything measured about one request, in {@link System#nanoTime()} units.
 *
 * <p>Written by one thread (the virtual user's event loop) while the request runs, then handed once to a
 * {@link MetricsRecorder} and never written again (the hand-over publishes it safely). Chunk times are kept in a
 * growable primitive array: no boxing and no allocation per chunk except when the array doubles.
 */
public final class RequestRecord {
  /** Marks a time that did not happen (no first chunk, ...). */
  public static final long NONE = Long.MIN_VALUE;

  /** A token count the server did not report (kept apart from 0, a reported count). */
  public static final int UNKNOWN_TOKENS = -1;

  private static final long[] NO_CHUNKS = new long[0];

  private final String requestName;
  private String scenario = "";
  private List<String> groups = List.of();
  private long userId;
  private long requestId;
  private long intendedNanos = NONE;
  private long sendNanos = NONE;
  private long firstContentNanos = NONE;
  private long endNanos = NONE;
  /** Grown on demand: a request waiting for a concurrency slot, or one that fails, holds no chunk array. */
  private long[] chunkNanos = NO_CHUNKS;
  private int chunkCount;
  private int promptTokens = -1;
  private TokenSource promptTokenSource = TokenSource.NONE;
  private int outputTokens = -1;
  private TokenSource outputTokenSource = TokenSource.NONE;
  private int reasoningChunks;
  private int answerChunks;
  private int reasoningTokens = -1;
  private TokenSource reasoningTokenSource = TokenSource.NONE;
  private int cachedTokens = UNKNOWN_TOKENS;
  private int httpStatus;
  private ErrorCategory error;
  private String errorDetail = "";
  private String generatedText;
  private String reasoningText;
  private byte[] requestBody;
  private long conversationUser = -1;
  private int conversationRound = -1;
  private LoggedTimings gatlingTimings = LoggedTimings.NONE;

  public RequestRecord(String requestName) {
    this.requestName = requestName;
  }

  /**
   * Who sent it: the Gatling scenario, the virtual user, and the request's number in the run (unique, in the order
   * requests started).
   */
  public void origin(String scenario, long userId, long requestId) {
    this.scenario = scenario;
    this.userId = userId;
    this.requestId = requestId;
  }

  /**
   * The user's Gatling groups the request ran in, outermost first (empty at top level): where Gatling's statistics
   * table lists it and its timings. The list is kept as given (pass an immutable one).
   */
  public void groups(List<String> groups) {
    this.groups = groups;
  }

  /**
   * The rule its protocol logged its timings to Gatling's stats with, so that the rows rebuilt from the record follow
   * the same rule in a run whose scenarios' protocols differ ({@link LoggedTimings#RECORDS_OWN}).
   */
  public void gatlingTimings(LoggedTimings rule) {
    this.gatlingTimings = rule;
  }

  public LoggedTimings gatlingTimings() {
    return gatlingTimings;
  }

  public List<String> groups() {
    return groups;
  }

  /**
   * The request is round {@code round} (from 1) of conversation user {@code user}'s session (multi-round workloads);
   * lets reports group requests by round, e.g. TTFT of round 1 against later rounds that reuse a cached prefix.
   */
  public void conversation(long user, int round) {
    this.conversationUser = user;
    this.conversationRound = round;
  }

  // ---------------------------------------------------------------- writing (one thread)

  /** When the load model wanted this request to start (its arrival, before any client-side queue). */
  public void intended(long nanos) {
    this.intendedNanos = nanos;
  }

  /** Just before the request is written to the connection. */
  public void sent(long nanos) {
    this.sendNanos = nanos;
  }

  /** An event with a non-empty {@code choices} array arrived. */
  public void chunk(long nanos) {
    if (chunkCount == chunkNanos.length) {
      chunkNanos = Arrays.copyOf(chunkNanos, Math.max(32, chunkCount * 2));
    }
    chunkNanos[chunkCount++] = nanos;
  }

  /** The first event with visible (non-reasoning) content arrived: for TTFO. Later calls are ignored. */
  public void firstContent(long nanos) {
    if (firstContentNanos == NONE) {
      firstContentNanos = nanos;
    }
  }

  /** The chunk just recorded carried only reasoning text ({@code reasoning_content} / {@code reasoning}). */
  public void reasoningChunk() {
    reasoningChunks++;
  }

  /** The chunk just recorded carried visible (answer) content. */
  public void answerChunk() {
    answerChunks++;
  }

  /**
   * Reasoning tokens among the output tokens: the server's {@code usage.completion_tokens_details.reasoning_tokens},
   * else the number of reasoning chunks ({@link TokenSource#CHUNKS}).
   */
  public void reasoningTokens(int tokens, TokenSource source) {
    this.reasoningTokens = tokens;
    this.reasoningTokenSource = source;
  }

  /**
   * Prompt tokens the server served from its prefix cache ({@code usage.prompt_tokens_details.cached_tokens}, else
   * llama.cpp's {@code timings.cache_n}); only the server knows, so there is no fallback.
   */
  public void cachedTokens(int tokens) {
    this.cachedTokens = tokens;
  }

  public void httpStatus(int status) {
    this.httpStatus = status;
  }

  public void promptTokens(int tokens, TokenSource source) {
    this.promptTokens = tokens;
    this.promptTokenSource = source;
  }

  public void outputTokens(int tokens, TokenSource source) {
    this.outputTokens = tokens;
    this.outputTokenSource = source;
  }

  /** The stream ended (normally or not) at this time. */
  public void ended(long nanos) {
    this.endNanos = nanos;
  }

  /** Marks the request failed; the first failure wins. */
  public void failed(ErrorCategory category, String detail) {
    if (error == null) {
      this.error = category;
      this.errorDetail = detail == null ? "" : detail;
    }
  }

  /** The generated text, only kept when requests are logged (capturing it costs an allocation per chunk). */
  public void generatedText(String text) {
    this.generatedText = text;
  }

  /**
   * The reasoning text apart from the answer, only kept when requests are logged ("" when the model did not reason).
   */
  public void reasoningText(String text) {
    this.reasoningText = text;
  }

  /**
   * The request body as sent (the array the client wrote, not a copy), kept for {@code llm-requests.jsonl} whose
   * writer reads the prompt out of it on its own thread. Only set when requests are logged.
   */
  public void requestBody(byte[] body) {
    this.requestBody = body;
  }

  // ---------------------------------------------------------------- reading

  public String requestName() {
    return requestName;
  }

  /** The Gatling scenario that sent the request ("" when unknown). */
  public String scenario() {
    return scenario;
  }

  public long userId() {
    return userId;
  }

  /** The request's number in the run, from 1 in start order (0 when unknown). */
  public long requestId() {
    return requestId;
  }

  /** The conversation user id, or -1 when the request is not part of a conversation. */
  public long conversationUser() {
    return conversationUser;
  }

  /** The round in its conversation, from 1, or -1 when the request is not part of a conversation. */
  public int conversationRound() {
    return conversationRound;
  }

  public long intendedNanos() {
    return intendedNanos == NONE ? sendNanos : intendedNanos;
  }

  public long sendNanos() {
    return sendNanos;
  }

  public long endNanos() {
    return endNanos;
  }

  public int chunkCount() {
    return chunkCount;
  }

  /** Time of chunk {@code i} (0 = first chunk). */
  public long chunkNanos(int i) {
    if (i < 0 || i >= chunkCount) {
      throw new IndexOutOfBoundsException("chunk " + i + " of " + chunkCount);
    }
    return chunkNanos[i];
  }

  public long firstChunkNanos() {
    return chunkCount == 0 ? NONE : chunkNanos[0];
  }

  public long lastChunkNanos() {
    return chunkCount == 0 ? NONE : chunkNanos[chunkCount - 1];
  }

  public long firstContentNanos() {
    return firstContentNanos;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public TokenSource promptTokenSource() {
    return promptTokenSource;
  }

  public int outputTokens() {
    return outputTokens;
  }

  public TokenSource outputTokenSource() {
    return outputTokenSource;
  }

  /** Chunks whose only text was reasoning (not kept in the CSV: it keeps the reasoning token count instead). */
  public int reasoningChunkCount() {
    return reasoningChunks;
  }

  /** Chunks with visible content (not kept in the CSV). */
  public int answerChunkCount() {
    return answerChunks;
  }

  /** Reasoning tokens among the output tokens, or -1 when unknown (no reasoning seen and none reported). */
  public int reasoningTokens() {
    return reasoningTokens;
  }

  public TokenSource reasoningTokenSource() {
    return reasoningTokenSource;
  }

  /** Prompt tokens served from the server's prefix cache, or {@link #UNKNOWN_TOKENS} when the server did not say. */
  public int cachedTokens() {
    return cachedTokens;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Success = no failure recorded and at least one chunk with non-empty choices (docs/metrics.md). */
  public boolean success() {
    return error == null && chunkCount > 0;
  }

  /** The failure category, or null when the request succeeded. */
  public ErrorCategory error() {
    return error;
  }

  public String errorDetail() {
    return errorDetail;
  }

  /**
   * The error label as reported (e.g. "HTTP 503"), or "" on success. A request that ended without any failure being
   * recorded but also without a chunk is not a success (see {@link #success()}): it is labelled
   * {@link ErrorCategory#NO_CHOICES} rather than "", so that every failed request has a non-empty label.
   */
  public String errorLabel() {
    if (error != null) {
      return error.label(httpStatus);
    }
    return chunkCount > 0 ? "" : ErrorCategory.NO_CHOICES.label();
  }

  /** The generated text, or null when it was not captured. */
  public String generatedText() {
    return generatedText;
  }

  /** The reasoning text, or null when it was not captured. */
  public String reasoningText() {
    return reasoningText;
  }

  /** The request body as sent, or null when not kept (requests not logged, or already written to the log). */
  public byte[] requestBody() {
    return requestBody;
  }

  /**
   * Lets the body go once the request log has its line, so that a long run does not hold every body until the end.
   * Only the log's writer thread reads the body after the record is handed over, and it calls this.
   */
  public void releaseRequestBody() {
    requestBody = null;
  }

  // ---------------------------------------------------------------- derived values, in nanoseconds

  /**
   * When the request stopped occupying client and server: the end of its stream, else its last chunk, else its
   * send ({@link #NONE} if it was never sent).
   */
  public long lastActivityNanos() {
    if (endNanos != NONE) {
      return endNanos;
    }
    if (chunkCount > 0) {
      return chunkNanos[chunkCount - 1];
    }
    return sendNanos;
  }

  /** Send to first chunk, or {@link #NONE}. */
  public long ttftNanos() {
    return chunkCount == 0 ? NONE : chunkNanos[0] - sendNanos;
  }

  /** Send to first visible content, or {@link #NONE}. */
  public long ttfoNanos() {
    return firstContentNanos == NONE ? NONE : firstContentNanos - sendNanos;
  }

  /** Send to last chunk, or {@link #NONE}. */
  public long e2elNanos() {
    return chunkCount == 0 ? NONE : chunkNanos[chunkCount - 1] - sendNanos;
  }

  /** Intended start to last chunk: latency including client-side queueing, or {@link #NONE}. */
  public long queueInclusiveE2elNanos() {
    return chunkCount == 0 ? NONE : chunkNanos[chunkCount - 1] - intendedNanos();
  }

  /** Send minus intended start: time spent waiting on the client (0 when no intended time was set). */
  public long queueNanos() {
    return sendNanos == NONE ? 0 : sendNanos - intendedNanos();
  }

  /** (E2EL - TTFT) / (output tokens - 1) in ns, only when output tokens > 1; else {@link #NONE}. */
  public double tpotNanos() {
    if (chunkCount == 0 || outputTokens <= 1) {
      return NONE;
    }
    return (double) (chunkNanos[chunkCount - 1] - chunkNanos[0]) / (outputTokens - 1);
  }

  /** Number of ITL samples: gaps between consecutive chunks. */
  public int itlCount() {
    return Math.max(0, chunkCount - 1);
  }

  /** The i-th gap between consecutive chunks, in ns. */
  public long itlNanos(int i) {
    return chunkNanos(i + 1) - chunkNanos(i);
  }
}
