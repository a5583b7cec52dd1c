package io.github.gatlingllm.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatling.core.session.Session;
import io.gatling.core.session.Session$;
import io.gatling.javaapi.core.internal.Expressions;
import io.github.gatlingllm.api.GenerationRequest;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.javaapi.LlmDatasets;
import io.github.gatlingllm.javaapi.VisionRecords;
import io.netty.channel.DefaultEventLoop;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Vision records go through the session ({@code messages("#{messages}")}) into the exact chat body. */
class VisionBodyTest {
  private final DefaultEventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stop() {
    loop.shutdownGracefully();
  }

  private static Map<String, Object> textRecord(String prompt) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put(LlmDatasets.PROMPT, prompt);
    record.put(LlmDatasets.PROMPT_TOKENS, 2);
    record.put(LlmDatasets.MAX_TOKENS, 8);
    return record;
  }

  private String body(Map<String, Object> record) {
    Session session = Session$.MODULE$.apply("scenario", 1, loop);
    for (Map.Entry<String, Object> entry : record.entrySet()) {
      session = session.set(entry.getKey(), entry.getValue());
    }
    RequestTemplate template =
        new RequestTemplate(
            RequestName.fixed("chat"),
            OpenAiChatDialect.INSTANCE,
            null,
            null,
            Expressions.toAnyExpression("#{prompt}"),
            Expressions.toAnyExpression("#{messages}"),
            Expressions.toAnyExpression("#{maxTokens}"),
            null,
            null,
            null,
            null,
            false,
            RequestExtras.NONE);
    GenerationRequest request = template.evaluate(session, "m");
    return new String(OpenAiChatDialect.INSTANCE.body(request), StandardCharsets.UTF_8);
  }

  @Test
  void oneImageAfterTheText() {
    List<Map<String, Object>> records =
        VisionRecords.withImages(List.of(textRecord("describe it")), List.of("data:image/png;base64,AAAA"), 1);
    assertEquals(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"describe it\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}],"
            + "\"max_tokens\":8,\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
        body(records.get(0)));
  }

  @Test
  void imagesAreTakenRoundRobinFromThePool() {
    List<String> pool = List.of("data:image/png;base64,AAAA", "data:image/png;base64,BBBB", "data:image/png;base64,CCCC");
    List<Map<String, Object>> records =
        VisionRecords.withImages(List.of(textRecord("a"), textRecord("b")), pool, 2);
    String second = body(records.get(1));
    assertEquals(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"b\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,CCCC\"}},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}],"
            + "\"max_tokens\":8,\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
        second);
    assertEquals(8, records.get(1).get(LlmDatasets.MAX_TOKENS), "the text record's fields stay");
  }
}
