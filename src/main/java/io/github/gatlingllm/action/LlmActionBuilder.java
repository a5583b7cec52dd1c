package io.github.gatlingllm.action;

import io.gatling.core.action.Action;
import io.gatling.core.action.builder.ActionBuilder;
import io.gatling.core.structure.ScenarioContext;
import io.github.gatlingllm.protocol.LlmComponents;
import io.github.gatlingllm.protocol.LlmProtocolKey;
import io.github.gatlingllm.protocol.LoadProtocol;

/** Wires a request template to its scenario's LLM components, behind the throttler when the scenario is throttled. */
public final class LlmActionBuilder implements ActionBuilder {
  private final RequestTemplate template;

  public LlmActionBuilder(RequestTemplate template) {
    this.template = template;
  }

  /** The request as the DSL described it. */
  public RequestTemplate template() {
    return template;
  }

  @Override
  public Action build(ScenarioContext ctx, Action next) {
    LlmComponents components = ctx.protocolComponentsRegistry().components(LlmProtocolKey.INSTANCE);
    if (!template.warmUp()) {
      // The summary describes the load of the populations whose requests it measures, as they were injected.
      components.run().measuredPopulation(ctx.protocolComponentsRegistry().components(LoadProtocol.KEY));
    }
    Action request = build(components, next);
    return ctx.throttled() && ctx.coreComponents().throttler().isDefined()
        ? new ThrottledAction(
            request,
            ctx.coreComponents().throttler().get(),
            next,
            ctx.coreComponents().statsEngine(),
            ctx.coreComponents().clock())
        : request;
  }

  /** The action for given components: what {@link #build(ScenarioContext, Action)} does once it has found them. */
  public Action build(LlmComponents components, Action next) {
    return new StreamingRequestAction(template, components, next);
  }
}
