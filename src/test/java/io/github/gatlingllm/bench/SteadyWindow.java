package io.github.gatlingllm.bench;

import java.util.Optional;

/**
 * Samples the CPU of the client and the server JVMs at the start and the end of the load's steady part: when the
 * server has read {@code from} and then {@code to} generation requests (warm-ups included in the count, so the
 * thresholds sit inside the measured phase, away from its start, with the JIT's first burst and the connections'
 * opening, and from its tail, when arrivals stop). Polls the server's cheap request count every 20 ms on its own
 * thread.
 */
final class SteadyWindow implements AutoCloseable {
  /** What the window saw; requests are those the server read inside it. */
  record Result(ThreadCpu.Delta client, ThreadCpu.Delta server, long requests, long connections) {}

  private final FastServerProcess server;
  private final long clientPid;
  private final long from;
  private final long to;
  private final Thread thread;
  private volatile Result result;
  private volatile String problem;

  SteadyWindow(FastServerProcess server, long clientPid, long from, long to) {
    this.server = server;
    this.clientPid = clientPid;
    this.from = from;
    this.to = to;
    this.thread = new Thread(this::run, "steady-window");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      FastServerProcess.Counters n = awaitCount(from);
      ThreadCpu client0 = ThreadCpu.sample(clientPid);
      ThreadCpu server0 = ThreadCpu.sample(server.pid());
      FastServerProcess.Counters m = awaitCount(to);
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

  private FastServerProcess.Counters awaitCount(long threshold) throws Exception {
    while (true) {
      FastServerProcess.Counters n = server.counters();
      if (n.requests() >= threshold) {
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
