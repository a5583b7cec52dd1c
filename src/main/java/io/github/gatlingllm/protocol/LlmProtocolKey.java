package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;
import scala.Function1;

/** How Gatling finds the LLM protocol's components: one {@link RunParts} per run, components per scenario. */
public final class LlmProtocolKey implements ProtocolKey<LlmProtocol, LlmComponents> {
  public static final LlmProtocolKey INSTANCE = new LlmProtocolKey();

  private LlmProtocolKey() {}

  @Override
  @SuppressWarnings("unchecked")
  public Class<Protocol> protocolClass() {
    return (Class<Protocol>) (Class<?>) LlmProtocol.class;
  }

  @Override
  public LlmProtocol defaultProtocolValue(GatlingConfiguration configuration) {
    throw new IllegalStateException(
        "No LLM protocol configured: add .protocols(LlmDsl.llm.baseUrl(\"http://host:port\")...) to setUp(...)");
  }

  @Override
  public Function1<LlmProtocol, LlmComponents> newComponents(CoreComponents coreComponents) {
    RunParts run = new RunParts(coreComponents);
    return protocol -> new LlmComponents(protocol, run);
  }
}
