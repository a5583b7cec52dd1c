package io.github.gatlingllm.mock;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The life of one generation request on its channel's event loop: it is its own timer task, rescheduled once per
 * token, and its own close listener (a client that hangs up stops it at once).
 *
 * <p>Deadlines follow an absolute schedule: token 1 is due at {@code received + TTFT}, token k+1 at {@code due(k) +
 * ITL}, whatever the time the task actually ran. A late wake-up therefore shortens the next gap instead of pushing
 * every later token back, and if the loop falls behind by more than a gap, the overdue tokens are written at once.
 */
final class GenerationTask implements Runnable, ChannelFutureListener {
  /** Mixes the request number into the seed; odd and unrelated to SplittableRandom's own gamma. */
  private static final long SEED_MIX = 0xD1B54A32D192ED03L;

  private final ChannelHandlerContext ctx;
  private final ServerState state;
  private final ResponseSink sink;
  private final SplittableRandom random;
  private final int outputTokens;
  private final int promptTokens;
  private final Fault fault;
  /** This loop's truth log, or null when the request is not part of the truth (see {@link MockTruth}). */
  private final LoopTruth truth;
  /** Chunks per token 0: chat streams send the role chunk with it. */
  private final int firstTokenChunks;
  private long receivedNanos;
  /** Chunks written since the last flush, and the time of the last flush that carried any (truth only). */
  private int unflushedChunks;
  private long lastFlushNanos;
  private boolean flushedAny;
  /** Token index at which the stream fault fires, or -1 when none (or already fired). */
  private int faultAt;
  private long dueNanos;
  private int sent;
  private boolean running;
  private ScheduledFuture<?> timer;

  private GenerationTask(
      ChannelHandlerContext ctx,
      ServerState state,
      IncomingRequest request,
      long number,
      Fault fault,
      int cachedTokens) {
    this.ctx = ctx;
    this.state = state;
    this.fault = fault;
    this.random = new SplittableRandom(state.config.answers().seed() + number * SEED_MIX);
    int length = request.ignoreEos() ? request.maxTokens() : 1 + random.nextInt(request.maxTokens());
    if (fault.is(FaultMode.NONE)) {
      faultAt = -1;
    } else {
      // A stream fault must happen before the end, so a faulted request gets at least K + 1 tokens (K capped so
      // that this stays within max_tokens).
      faultAt = Math.min(fault.afterTokens(), request.maxTokens() - 1);
      length = Math.max(length, faultAt + 1);
    }
    this.outputTokens = length;
    this.promptTokens = request.promptTokens();
    this.truth = inTruth(state, request, number, fault) ? state.truth.forCurrentThread() : null;
    this.firstTokenChunks = request.endpoint() == Endpoint.CHAT ? 2 : 1;
    String id = request.endpoint().idPrefix + number;
    long created = System.currentTimeMillis() / 1000;
    int reportedCached = state.prefixCache.enabled() ? cachedTokens : TokenUsage.NOT_REPORTED;
    this.sink =
        switch (request.endpoint()) {
          case TGI_STREAM -> new TgiResponseSink(ctx, request, length);
          case LLM_ON_RAY_SIMPLE -> new RawTextResponseSink(ctx);
          default ->
              request.stream()
                  ? new SseResponseSink(
                      ctx, request, id, created, length, state.config.answers().reasoningTokens(), reportedCached)
                  : new JsonResponseSink(ctx, request, id, created, length, reportedCached);
        };
  }

  /**
   * Starts generating on {@code ctx}'s event loop (the caller's thread).
   *
   * @param number the request's rank among accepted requests (seeds its output length and jitter)
   * @param receivedNanos when the request was read: the TTFT counts from there
   * @param slotNanos when it got its batch slot (receivedNanos when it did not wait): the prefill counts from there,
   *     and its prompt meets the prefix cache then (see {@link PrefixBlockCache})
   */
  static void start(
      ChannelHandlerContext ctx,
      ServerState state,
      IncomingRequest request,
      long number,
      Fault fault,
      long receivedNanos,
      long slotNanos) {
    // Looked up (and stored) as the prefill starts, so a request queued for a slot sees what ran before it.
    int cachedTokens = state.prefixCache.cachedTokens(request.promptBlocks());
    GenerationTask task = new GenerationTask(ctx, state, request, number, fault, cachedTokens);
    task.running = true;
    task.receivedNanos = receivedNanos;
    state.generationStarted();
    state.kvCache.started(task.promptTokens);
    ctx.channel().closeFuture().addListener(task);
    task.sink.begin();
    // A slot freed on its schedule may predate a request read while the freeing timer ran late: never start earlier.
    long prefillFrom = Math.max(receivedNanos, slotNanos);
    // Cached tokens need no prefill: only the others pay ttftPerPromptTokenMs.
    task.dueNanos = prefillFrom + state.latency.ttftNanos(request.promptTokens() - cachedTokens, request.images());
    task.schedule();
  }

  @Override
  public void run() {
    timer = null;
    if (!running) {
      return;
    }
    long now = System.nanoTime();
    do {
      if (sent == faultAt && fireFault()) {
        return;
      }
      state.timing.record(now - dueNanos);
      sink.token(sent, sent + 1 == outputTokens);
      state.kvCache.generated();
      unflushedChunks += sent == 0 ? firstTokenChunks : 1;
      sent++;
      if (sent == outputTokens) {
        // The slot frees on the schedule, not when the timer happened to run: the queue keeps the model's pace.
        stop(dueNanos);
        sink.complete();
        flushed();
        return;
      }
      dueNanos += state.latency.itlNanos(state.inFlight(), random);
    } while (dueNanos - now <= 0);
    sink.flush();
    flushed();
    schedule();
  }

  /** Warm-ups (by rank), injected faults and non-streamed answers stay out of the truth. */
  private static boolean inTruth(ServerState state, IncomingRequest request, long number, Fault fault) {
    return request.stream() && fault.is(FaultMode.NONE) && number > state.config.truthSkipFirst();
  }

  /**
   * Records the truth for the chunks just flushed. The time is taken when the flush returns: with epoll, the bytes
   * are then in the kernel's socket buffer, the closest point to the wire that costs no extra callback. Chunks that
   * shared a flush reach the client together, so all but the first of them get a 0 gap, as the client records them.
   */
  private void flushed() {
    if (truth == null || unflushedChunks == 0) {
      return;
    }
    long now = System.nanoTime();
    if (flushedAny) {
      truth.recordItl(now - lastFlushNanos);
    } else {
      truth.recordTtft(now - receivedNanos, now);
      flushedAny = true;
    }
    for (int i = 1; i < unflushedChunks; i++) {
      truth.recordItl(0);
    }
    unflushedChunks = 0;
    lastFlushNanos = now;
  }

  /** The connection closed under us (client gone, stream fault, server shutdown). */
  @Override
  public void operationComplete(ChannelFuture closed) {
    if (running) {
      stop(System.nanoTime());
    }
  }

  /** @return true when the fault ended the generation */
  private boolean fireFault() {
    faultAt = -1;
    switch (fault.mode()) {
      case MALFORMED -> {
        sink.malformed();
        return false;
      }
      case ERROR_EVENT -> {
        stop(System.nanoTime());
        sink.error();
        return true;
      }
      case STALL -> {
        stop(System.nanoTime());
        sink.flush();
        ctx.executor().schedule(() -> ctx.channel().close(), fault.stallMs(), TimeUnit.MILLISECONDS);
        return true;
      }
      case CUT -> {
        stop(System.nanoTime());
        // Tokens written in this same run (a late wake-up) must still go out: the cut comes after K tokens.
        sink.flush();
        ctx.channel().close();
        return true;
      }
      default -> throw new IllegalStateException("not a stream fault: " + fault.mode());
    }
  }

  private void schedule() {
    timer = ctx.executor().schedule(this, dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  /** @param freedNanos when its batch slot frees */
  private void stop(long freedNanos) {
    running = false;
    state.generationEnded(freedNanos);
    state.kvCache.ended(promptTokens, sent);
    ctx.channel().closeFuture().removeListener(this);
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
