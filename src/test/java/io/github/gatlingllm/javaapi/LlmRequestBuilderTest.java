package io.github.gatlingllm.javaapi;

import static io.github.gatlingllm.LlmDsl.answer;
import static io.github.gatlingllm.LlmDsl.chat;
import static io.github.gatlingllm.LlmDsl.completion;
import static io.github.gatlingllm.LlmDsl.inputTokens;
import static io.github.gatlingllm.LlmDsl.llmOnRaySimple;
import static io.github.gatlingllm.LlmDsl.outputTokens;
import static io.github.gatlingllm.LlmDsl.request;
import static io.github.gatlingllm.LlmDsl.tgi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.core.session.Session$;
import io.gatling.javaapi.core.CoreDsl;
import io.github.gatlingllm.action.LlmActionBuilder;
import io.github.gatlingllm.action.RequestTemplate;
import io.github.gatlingllm.api.Dialects;
import io.github.gatlingllm.api.LlmOnRaySimpleDialect;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.api.TgiGenerateDialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.Function1;

/**
 * The request DSL: each first step gives the builder of its wire format (what it does not take does not compile, so
 * these tests check what each one builds), names are EL, and checks are Gatling's.
 */
class LlmRequestBuilderTest {
  private static final Session SESSION =
      Session$.MODULE$.apply("scenario", 1, null).set("round", 3).set("p", "hello").set("step", "ask");

  private static RequestTemplate template(LlmRequestBuilder<?> builder) {
    return ((LlmActionBuilder) builder.asScala()).template();
  }

  private static Object value(Function1<Session, Validation<Object>> expression) {
    Validation<Object> result = expression.apply(SESSION);
    assertTrue(result instanceof Success, result.toString());
    return ((Success<Object>) result).value();
  }

  @Test
  void eachFirstStepBuildsItsOwnWireFormat() {
    assertSame(OpenAiChatDialect.INSTANCE, template(chat("c").prompt("p")).dialect());
    assertSame(OpenAiCompletionsDialect.INSTANCE, template(completion("c").prompt("p")).dialect());
    assertSame(TgiGenerateDialect.INSTANCE, template(tgi("c").prompt("p")).dialect());
    assertSame(LlmOnRaySimpleDialect.INSTANCE, template(llmOnRaySimple("c").prompt("p")).dialect());
    assertSame(TgiGenerateDialect.INSTANCE, template(request("c", Dialects.named("tgi")).prompt("p")).dialect());
  }

  @Test
  void chatMessagesAndPromptReplaceEachOther() {
    RequestTemplate messages = template(chat("c").prompt("#{p}").messages("#{m}"));
    assertNull(messages.prompt());
    assertNotNull(messages.messages());
    RequestTemplate prompt = template(chat("c").messages(s -> List.of(Map.of("role", "user"))).prompt("#{p}"));
    assertNull(prompt.messages());
    assertEquals("hello", value(prompt.prompt()));
  }

  @Test
  void settingsTakeElStringsFunctionsAndPlainValues() {
    RequestTemplate t =
        template(
            completion("c")
                .prompt(s -> s.getString("p") + "!")
                .model("#{step}-model")
                .maxTokens("#{round}")
                .temperature(s -> 0.5)
                .ignoreEos(true)
                .promptTokens(s -> 7)
                .path("v2/#{step}"));
    assertEquals("hello!", value(t.prompt()));
    assertEquals("ask-model", value(t.model()));
    assertEquals(3, value(t.maxTokens()));
    assertEquals(0.5, value(t.temperature()));
    assertEquals(true, value(t.ignoreEos()));
    assertEquals(7, value(t.promptTokens()));
    assertEquals("v2/ask", value(t.path()));
  }

  @Test
  void builderIsImmutable() {
    ChatRequestBuilder base = chat("c").prompt("a");
    base.maxTokens(5).check(answer().exists());
    RequestTemplate t = template(base);
    assertNull(t.maxTokens());
    assertTrue(t.extras().checks().isEmpty());
  }

  @Test
  void aPlainNameIsFixedAndAnElNameIsResolvedPerRequest() {
    assertTrue(template(chat("chat")).requestName().isFixed());
    assertEquals("chat", template(chat("chat")).requestName().label());
    RequestTemplate evaluated = template(chat("round #{round}"));
    assertFalse(evaluated.requestName().isFixed());
    assertEquals("round #{round}", evaluated.requestName().label(), "the EL source names the action");
    assertFalse(template(chat(s -> "round " + s.getInt("round"))).requestName().isFixed());
  }

  @Test
  void emptyNamesAndNullSettingsAreRefusedWithWhatWasExpected() {
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> chat(" "));
    assertTrue(blank.getMessage().contains("request name: expected a non-empty name"), blank.getMessage());
    IllegalArgumentException nullPrompt =
        assertThrows(IllegalArgumentException.class, () -> completion("c").prompt((String) null));
    assertTrue(nullPrompt.getMessage().startsWith("prompt: expected"), nullPrompt.getMessage());
    IllegalArgumentException tokens = assertThrows(IllegalArgumentException.class, () -> tgi("c").maxTokens(0));
    assertEquals("maxTokens: expected a count >= 1, got 0", tokens.getMessage());
    IllegalArgumentException header =
        assertThrows(IllegalArgumentException.class, () -> chat("c").header("bad name", "v"));
    assertTrue(header.getMessage().contains("'bad name'"), header.getMessage());
    IllegalArgumentException dialect =
        assertThrows(IllegalArgumentException.class, () -> request("c", null));
    assertTrue(dialect.getMessage().startsWith("dialect: expected"), dialect.getMessage());
  }

  @Test
  void checksAreCollectedInOrderAndTheAnswerIsCapturedOnlyWhenAskedFor() {
    RequestTemplate tokens = template(chat("c").prompt("p").check(outputTokens().gt(1)).check(inputTokens().exists()));
    assertFalse(tokens.extras().checks().isEmpty());
    assertFalse(tokens.extras().checks().readsAnswer(), "no copy of the text when no check reads it");
    RequestTemplate text =
        template(chat("c").prompt("p").check(outputTokens().gt(1), answer().transform(String::length).gt(3)));
    assertTrue(text.extras().checks().readsAnswer(), "a transformed answer check still reads the answer");
    assertTrue(template(chat("c").prompt("p")).extras().checks().isEmpty());
  }

  @Test
  void checksOfOtherProtocolsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> chat("c").check(CoreDsl.bodyString().is("x")));
    assertTrue(e.getMessage().contains("answer(), outputTokens(), inputTokens()"), e.getMessage());
    assertTrue(e.getMessage().contains("BodyString"), e.getMessage());
  }
}
