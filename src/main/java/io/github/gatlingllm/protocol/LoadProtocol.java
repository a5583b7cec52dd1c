package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.protocol.ProtocolKey;
import io.gatling.core.session.Session;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.report.RunExtension;
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
  private final RunExtension extension;

  public LoadProtocol(LoadDescription description) {
    this(description, null);
  }

  /** A load that brings a part of the run along (e.g. a capacity search), registered by the run's first request. */
  public LoadProtocol(LoadDescription description, RunExtension extension) {
    this.description = Objects.requireNonNull(description, "description");
    this.extension = extension;
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
    private final RunExtension extension;

    Components(LoadDescription description, RunExtension extension) {
      this.description = description;
      this.extension = extension;
    }

    public LoadDescription description() {
      return description;
    }

    /** The part of the run this population's load brings along, or null. */
    public RunExtension extension() {
      return extension;
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
      return protocol -> new Components(protocol.description, protocol.extension);
    }
  }
}
