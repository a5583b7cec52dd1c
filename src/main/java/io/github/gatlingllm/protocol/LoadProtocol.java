package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.protocol.ProtocolKey;
import io.gatling.core.session.Session;
import io.github.gatlingllm.metrics.LoadDescription;
import java.util.Objects;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * A population-level protocol that carries the description of the load injected into that population, so that the
 * summary states what was sent: {@code LlmLoad.inject(scenario)} attaches it to the population it returns, and the
 * LLM action builder reads it from its scenario's protocol registry ({@link #KEY}) and hands it to the run. A
 * population without one gets {@link LoadDescription#NOT_DESCRIBED}.
 */
public final class LoadProtocol implements Protocol {
  /** How a scenario finds its population's load description. */
  public static final Key KEY = new Key();

  private final LoadDescription description;

  public LoadProtocol(LoadDescription description) {
    this.description = Objects.requireNonNull(description, "description");
  }

  public LoadDescription description() {
    return description;
  }

  /**
   * One population's load description; Gatling makes one instance per scenario, which is what tells two populations
   * injected with equal loads apart.
   */
  public static final class Components implements ProtocolComponents {
    private final LoadDescription description;

    Components(LoadDescription description) {
      this.description = description;
    }

    public LoadDescription description() {
      return description;
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

  /** The protocol key: a population injected without an {@code LlmLoad} is not described. */
  public static final class Key implements ProtocolKey<LoadProtocol, Components> {
    private Key() {}

    @Override
    @SuppressWarnings("unchecked")
    public Class<Protocol> protocolClass() {
      return (Class<Protocol>) (Class<?>) LoadProtocol.class;
    }

    @Override
    public LoadProtocol defaultProtocolValue(GatlingConfiguration configuration) {
      return new LoadProtocol(LoadDescription.NOT_DESCRIBED);
    }

    @Override
    public Function1<LoadProtocol, Components> newComponents(CoreComponents coreComponents) {
      return protocol -> new Components(protocol.description());
    }
  }
}
