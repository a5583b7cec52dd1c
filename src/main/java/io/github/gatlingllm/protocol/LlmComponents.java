package io.github.gatlingllm.protocol;

import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import io.github.gatlingllm.client.StreamingHttpClient;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * What an LLM action of one scenario needs at run time: its protocol's settings, the run as this protocol reaches it,
 * and the HTTP client and concurrency cap (null when none) of this protocol's settings.
 */
public final class LlmComponents implements ProtocolComponents {
  private final LlmProtocol protocol;
  private final LlmRun run;
  private final StreamingHttpClient client;
  private final ConcurrencyLimiter limiter;

  LlmComponents(LlmProtocol protocol, RunParts parts) {
    this.protocol = protocol;
    // First: a protocol whose run-level settings differ from the run's stops the run here.
    parts.start.adopt(protocol);
    this.run = new LlmRun(parts, protocol);
    this.client = parts.clients.clientFor(protocol.connection());
    this.limiter = parts.clients.limiterFor(protocol.requests().maxConcurrency());
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
