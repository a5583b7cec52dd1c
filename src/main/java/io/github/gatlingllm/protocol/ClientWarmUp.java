package io.github.gatlingllm.protocol;

import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.GenerationRequest;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.client.ClientSettings;
import io.github.gatlingllm.client.TlsSettings;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.StreamingHttpClient;
import io.github.gatlingllm.client.StreamingRequest;
import io.github.gatlingllm.metrics.RequestRecord;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the client before the first measured request, as Gatling's HTTP protocol warms its own stack: streams a few
 * thousand events through the real client, SSE decoder and dialects on every one of Gatling's event loops, against
 * a throw-away {@link WarmUpStreamer} on loopback (nothing leaves the machine, the server under test sees nothing).
 *
 * <p>Why: on a cold JVM the first requests pay for class loading and interpreted code, measured at +150-250 ms of
 * TTFT on the first dozen requests of a run when this was written, and still +28 to +78 ms on the first request
 * after later optimisations (BENCHMARKS.md, "The client warm-up"). Those milliseconds belong to the client, not to
 * the server.
 */
final class ClientWarmUp {
  /*
   * 2 connections x 24 requests x 64 chunks = 3,072 events per event loop: loads every class of the path and gets it
   * compiled (C1), in about 0.3 s on an idle machine (about 1 s on a cold JVM sharing 2 cores with other builds).
   * Five times more changed nothing measurable in BENCHMARKS.md.
   */
  private static final int SEQUENCES_PER_LOOP = 2;
  private static final int REQUESTS_PER_SEQUENCE = 24;
  private static final int TOKENS_PER_REQUEST = 64;
  private static final Duration BUDGET = Duration.ofSeconds(10);

  /** What the warm-up did: requests completed and how long it took. */
  record Result(int requests, int failures, long millis) {}

  private ClientWarmUp() {}

  static Result run(EventLoopGroup loops, ChannelFactory<? extends SocketChannel> channelFactory) {
    long start = System.nanoTime();
    List<EventLoop> targets = new java.util.ArrayList<>();
    for (EventExecutor executor : loops) {
      targets.add((EventLoop) executor);
    }
    AtomicInteger failures = new AtomicInteger();
    int requests = targets.size() * SEQUENCES_PER_LOOP * REQUESTS_PER_SEQUENCE;
    CountDownLatch done = new CountDownLatch(requests);
    try (WarmUpStreamer server = WarmUpStreamer.start();
        StreamingHttpClient client =
            new StreamingHttpClient(
                new ClientSettings(
                    channelFactory, Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, BUDGET, TlsSettings.VERIFIED))) {
      HttpTarget target = HttpTarget.parse(server.baseUrl());
      for (EventLoop loop : targets) {
        for (int i = 0; i < SEQUENCES_PER_LOOP; i++) {
          loop.execute(new Sequence(client, loop, target, done, failures));
        }
      }
      done.await(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int completed = requests - (int) done.getCount();
    return new Result(completed, failures.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /** The requests of one event loop, one after the other, alternating the two OpenAI dialects. */
  private static final class Sequence extends RecordingStreamHandler implements Runnable {
    private final StreamingHttpClient client;
    private final EventLoop loop;
    private final HttpTarget target;
    private final CountDownLatch done;
    private final AtomicInteger failures;
    private int sent;

    Sequence(
        StreamingHttpClient client, EventLoop loop, HttpTarget target, CountDownLatch done, AtomicInteger failures) {
      this.client = client;
      this.loop = loop;
      this.target = target;
      this.done = done;
      this.failures = failures;
    }

    @Override
    public void run() {
      if (sent == REQUESTS_PER_SEQUENCE) {
        return;
      }
      Dialect dialect = sent % 2 == 0 ? OpenAiCompletionsDialect.INSTANCE : OpenAiChatDialect.INSTANCE;
      sent++;
      RequestRecord record = new RequestRecord("warm-up");
      record.intended(System.nanoTime());
      record(new StreamRecording(dialect, record));
      byte[] body =
          dialect.body(new GenerationRequest("warm-up", "warm up the client", null, TOKENS_PER_REQUEST, true, null, null));
      client.execute(loop, new StreamingRequest(target, dialect.defaultPath(), List.of(), body), this);
    }

    @Override
    protected void completed(RequestRecord record) {
      if (!record.success()) {
        failures.incrementAndGet();
      }
      done.countDown();
      // a fresh task rather than a nested call: the client hands the connection back to the pool first
      loop.execute(this);
    }
  }
}
