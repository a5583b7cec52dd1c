package io.github.gatlingllm.bench;

import java.util.Optional;

/**
 * Samples the CPU of the client and the server JVMs at the start and the end of the load's steady part: it starts when
 * the server has read {@code from} generation requests (warm-ups included in the count, so that it starts inside the
 * measured phase, after the connections' opening and the JIT's first burst) and lasts {@code seconds}, or ends
 * earlier once the server has read {@code tailGuard} requests (before the tail, when arrivals stop). A window in time
 * rather than between two request counts: a closed loop of N streams started together reads its requests in waves of
 * N, and two counts could fall within one wave. Polls the server's cheap counters every 20 ms on its own thread.
 */
final class SteadyWindow implements AutoCloseable {
  /** What the window saw; requests are those the server read inside it. */
  record Result(ThreadCpu.Delta client, ThreadCpu.Delta server, long requests, long connections) {}

  private final FastServerProcess server;
  private final long clientPid;
  private final long from;
  private final long durationNanos;
  private final long tailGuard;
  private final Thread thread;
  private volatile Result result;
  private volatile String problem;

  SteadyWindow(FastServerProcess server, long clientPid, long from, double seconds, long tailGuard) {
    this.server = server;
    this.clientPid = clientPid;
    this.from = from;
    this.durationNanos = (long) (seconds * 1e9);
    this.tailGuard = tailGuard;
    this.thread = new Thread(this::run, "steady-window");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      FastServerProcess.Counters n = awaitCount(from, Long.MAX_VALUE);
      ThreadCpu client0 = ThreadCpu.sample(clientPid);
      ThreadCpu server0 = ThreadCpu.sample(server.pid());
      FastServerProcess.Counters m = awaitCount(tailGuard, client0.wallNanos() + durationNanos);
      ThreadCpu client1 = ThreadCpu.sample(clientPid);
      ThreadCpu server1 = ThreadCpu.sample(server.pid());
      result =
          new Result(
              client0.until(client1), server0.until(server1), m.requests() - n.requests(),
              m.connections() - n.connections());
    } catch (InterruptedException e) {
      problem = "the load ended before the steady window did";
    } catch (Exception e) {
      problem = e.toString();
    }
  }

  /** Polls until the server has read {@code threshold} requests or the clock reaches {@code deadline}. */
  private FastServerProcess.Counters awaitCount(long threshold, long deadline) throws Exception {
    while (true) {
      FastServerProcess.Counters n = server.counters();
      if (n.requests() >= threshold || System.nanoTime() >= deadline) {
        return n;
      }
      Thread.sleep(20);
    }
  }

  Optional<Result> result() {
    return Optional.ofNullable(result);
  }

  /** Why there is no result, when there is none. */
  String problem() {
    return problem == null ? "the window's end was not reached" : problem;
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(5_000);
  }
}
