package io.github.gatlingllm.protocol;

import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import io.github.gatlingllm.client.StreamingHttpClient;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * What an LLM action of one scenario needs at run time: its protocol's settings, the shared run, the HTTP client for
 * those settings and the concurrency cap (null when none).
 */
public final class LlmComponents implements ProtocolComponents {
  private final LlmProtocol protocol;
  private final LlmRun run;
  private final StreamingHttpClient client;
  private final ConcurrencyLimiter limiter;

  LlmComponents(LlmProtocol protocol, LlmRun run) {
    this.protocol = protocol;
    this.run = run;
    run.adopt(protocol);
    this.client = run.clientFor(protocol);
    this.limiter = run.limiterFor(protocol);
  }

  public LlmProtocol protocol() {
    return protocol;
  }

  public LlmRun run() {
    return run;
  }

  public StreamingHttpClient client() {
    return client;
  }

  public ConcurrencyLimiter limiter() {
    return limiter;
  }

  @Override
  public Function1<Session, Session> onStart() {
    return Session.Identity();
  }

  @Override
  public Function1<Session, BoxedUnit> onExit() {
    return ProtocolComponents.NoopOnExit();
  }
}
