package io.github.gatlingllm.action;

import io.gatling.core.action.Action;
import io.gatling.core.action.builder.ActionBuilder;
import io.gatling.core.structure.ScenarioContext;
import io.github.gatlingllm.protocol.LlmComponents;
import io.github.gatlingllm.protocol.LlmProtocolKey;

/** Wires a request template to its scenario's LLM components; nothing else. */
public final class LlmActionBuilder implements ActionBuilder {
  private final RequestTemplate template;

  public LlmActionBuilder(RequestTemplate template) {
    this.template = template;
  }

  @Override
  public Action build(ScenarioContext ctx, Action next) {
    return build(ctx.protocolComponentsRegistry().components(LlmProtocolKey.INSTANCE), next);
  }

  /** The action for given components: what {@link #build(ScenarioContext, Action)} does once it has found them. */
  public Action build(LlmComponents components, Action next) {
    return new StreamingRequestAction(template, components, next);
  }
}
