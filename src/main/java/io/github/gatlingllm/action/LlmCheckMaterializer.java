package io.github.gatlingllm.action;

import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.check.Check;
import io.gatling.core.check.CheckMaterializer;
import scala.Function1;

/**
 * Turns a Gatling check builder into a check on an {@link LlmResponse}, as Gatling's JMS module does for messages:
 * the checks read the response as it is, so the preparer is the identity and the check needs no specialized type.
 * The first type parameter is Gatling's check-type tag; {@link LlmResponse} serves as its own.
 */
public final class LlmCheckMaterializer
    extends CheckMaterializer<LlmResponse, Check<LlmResponse>, LlmResponse, LlmResponse> {
  public static final LlmCheckMaterializer INSTANCE = new LlmCheckMaterializer();

  private static final Function1<LlmResponse, Validation<LlmResponse>> IDENTITY = Success::new;

  private LlmCheckMaterializer() {
    super(check -> check);
  }

  @Override
  public Function1<LlmResponse, Validation<LlmResponse>> preparer() {
    return IDENTITY;
  }
}
