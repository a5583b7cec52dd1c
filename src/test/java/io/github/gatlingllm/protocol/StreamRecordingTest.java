package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.client.ClientFailure;
import io.github.gatlingllm.client.SseDecoder;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stream shapes real servers send (docs/metrics.md), read into records as the action reads them. */
class StreamRecordingTest {

  /** Feeds each string as one socket read, stamped 1 ms apart starting at 101 ms after a send at 0. */
  private static RequestRecord read(StreamRecording recording, boolean endOfBody, String... reads) {
    recording.record().sent(0);
    long[] now = {100_000_000};
    SseDecoder decoder = new SseDecoder((event, nanos) -> recording.event(event, nanos));
    for (String read : reads) {
      now[0] += 1_000_000;
      ByteBuf buf = Unpooled.copiedBuffer(read, StandardCharsets.UTF_8);
      try {
        if (!decoder.decode(buf, now[0])) {
          break;
        }
      } finally {
        buf.release();
      }
    }
    if (endOfBody) {
      decoder.endOfStream(now[0]);
      recording.endOfBody();
    }
    recording.finish(now[0]);
    return recording.record();
  }

  @Test
  void negativeOrAbsurdUsageFlagsTheRequestAndCountsNoTokens() {
    for (String usage :
        new String[] {
          "\"prompt_tokens\":7,\"completion_tokens\":-5",
          "\"prompt_tokens\":-1,\"completion_tokens\":2",
          "\"prompt_tokens\":7,\"completion_tokens\":2000000000",
          "\"prompt_tokens\":7,\"completion_tokens\":2,\"completion_tokens_details\":{\"reasoning_tokens\":-3}"
        }) {
      RequestRecord r =
          read(
              new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
              true,
              "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n",
              "data: {\"choices\":[],\"usage\":{" + usage + "}}\n\ndata: [DONE]\n\n");
      assertEquals(ErrorCategory.MALFORMED_EVENT, r.error(), usage);
      assertTrue(r.errorDetail().startsWith("usage token count "), r.errorDetail());
      assertEquals(0, io.github.gatlingllm.metrics.TokenCounts.outputTokens(r), "never summed: " + usage);
    }
  }

  @Test
  void vllmChatStreamRoleChunkCountsAsFirstTokenUsageComesLast() {
    RequestRecord r =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"length\"}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}\n\n"
                + "data: [DONE]\n\n");
    assertTrue(r.success());
    assertEquals(3, r.chunkCount());
    assertEquals(101_000_000, r.ttftNanos(), "TTFT is the role chunk, as in vLLM");
    assertEquals(102_000_000, r.ttfoNanos(), "TTFO is the first visible content");
    assertEquals(103_000_000, r.e2elNanos(), "E2EL ends at the last chunk with choices, not at usage or [DONE]");
    assertEquals(2, r.outputTokens());
    assertEquals(TokenSource.USAGE, r.outputTokenSource());
    assertEquals(7, r.promptTokens());
  }

  @Test
  void reasoningChunksCountForTtftAndItlAndUsageGivesReasoningTokens() {
    RequestRecord r =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Hmm\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\" so\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Yes\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\".\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":6}}}\n\ndata: [DONE]\n\n");
    assertTrue(r.success());
    assertEquals(4, r.chunkCount(), "reasoning-only events are chunks");
    assertEquals(3, r.itlCount());
    assertEquals(2, r.reasoningChunkCount());
    assertEquals(2, r.answerChunkCount());
    assertEquals(101_000_000, r.ttftNanos(), "TTFT is the first reasoning chunk");
    assertEquals(103_000_000, r.ttfoNanos(), "TTFO is the first answer chunk");
    assertEquals(9, r.outputTokens());
    assertEquals(6, r.reasoningTokens());
    assertEquals(TokenSource.USAGE, r.reasoningTokenSource());
  }

  @Test
  void withoutUsageDetailsReasoningTokensAreTheReasoningChunks() {
    RequestRecord r =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"a\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"b\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"c\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5}}\n\n"
                + "data: [DONE]\n\n");
    assertEquals(5, r.chunkCount());
    assertEquals(3, r.reasoningChunkCount(), "the role chunk is neither reasoning nor answer");
    assertEquals(1, r.answerChunkCount());
    assertEquals(3, r.reasoningTokens());
    assertEquals(TokenSource.CHUNKS, r.reasoningTokenSource());
    assertEquals(5, r.outputTokens());
    assertEquals(TokenSource.USAGE, r.outputTokenSource());
  }

  @Test
  void cachedTokensComeFromUsageWhereverItRidesAndStayUnknownWithoutIt() {
    RequestRecord vllm =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n",
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":64,\"completion_tokens\":1,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":48}}}\n\ndata: [DONE]\n\n");
    assertEquals(48, vllm.cachedTokens());
    RequestRecord llamaCpp =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"timings\":{\"cache_n\":3}}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{"
                + "\"prompt_tokens\":64,\"completion_tokens\":1},\"timings\":{\"cache_n\":60}}\n\ndata: [DONE]\n\n");
    assertEquals(60, llamaCpp.cachedTokens(), "the last count reported");
    RequestRecord none =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":4}}\n\n"
                + "data: [DONE]\n\n");
    assertEquals(RequestRecord.UNKNOWN_TOKENS, none.cachedTokens());
  }

  @Test
  void aPlainStreamHasNoReasoningTokens() {
    RequestRecord r =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n");
    assertEquals(-1, r.reasoningTokens());
    assertEquals(TokenSource.NONE, r.reasoningTokenSource());
    assertEquals(0, r.reasoningChunkCount());
  }

  @Test
  void llamaCppCompletionsUsageInsideTheLastChunkWithChoices() {
    RequestRecord r =
        read(
            new StreamRecording(OpenAiCompletionsDialect.INSTANCE, new RequestRecord("c")),
            true,
            ": ping\n\n",
            "data: {\"choices\":[{\"text\":\" a\",\"index\":0}]}\n\ndata: {\"choices\":[{\"text\":\" b\",\"index\":0}]}\n\n",
            "data: {\"choices\":[{\"text\":\"\",\"index\":0,\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"completion_tokens\":2,\"prompt_tokens\":4},\"timings\":{}}\n\n"
                + "data: [DONE]\n\n");
    assertTrue(r.success());
    assertEquals(3, r.chunkCount(), "the ping comment is not a chunk; the empty finish chunk is");
    assertEquals(2, r.outputTokens());
    assertEquals(TokenSource.USAGE, r.outputTokenSource());
    assertEquals(0, r.itlNanos(0), "two events of one read share its timestamp: a zero gap, as in vLLM");
  }

  @Test
  void withoutUsageEveryChunkCountsOneToken() {
    RequestRecord r =
        read(
            new StreamRecording(OpenAiCompletionsDialect.INSTANCE, new RequestRecord("c")),
            true,
            "data: {\"choices\":[{\"text\":\" a\"}]}\n\n",
            "data: {\"choices\":[{\"text\":\" b\"}]}\n\n",
            "data: {\"choices\":[{\"text\":\" c\"}]}");
    assertTrue(r.success(), "the last event has no closing blank line: still read");
    assertEquals(3, r.outputTokens());
    assertEquals(TokenSource.CHUNKS, r.outputTokenSource());
    assertEquals(-1, r.promptTokens());
  }

  @Test
  void aStreamWithoutChoicesFails() {
    RequestRecord r =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            true,
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":0}}\n\ndata: [DONE]\n\n");
    assertEquals(ErrorCategory.NO_CHOICES, r.error());
  }

  @Test
  void malformedAndErrorEventsStopTheStreamAsFailures() {
    RequestRecord malformed =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            false,
            "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n",
            "data: {\"choices\": [\n\n",
            "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n");
    assertEquals(ErrorCategory.MALFORMED_EVENT, malformed.error());
    assertEquals(1, malformed.chunkCount(), "nothing is read after the malformed event");

    RequestRecord error =
        read(
            new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")),
            false,
            "data: {\"error\":{\"message\":\"KV cache full\",\"code\":500}}\n\n");
    assertEquals(ErrorCategory.SERVER_ERROR_EVENT, error.error());
    assertEquals("KV cache full", error.errorDetail());
  }

  @Test
  void aCloseAfterDoneIsNotAFailureButACloseBeforeItIs() {
    StreamRecording done = new StreamRecording(OpenAiCompletionsDialect.INSTANCE, new RequestRecord("c"));
    read(done, false, "data: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: [DONE]\n\n");
    done.failure(ClientFailure.of(ClientFailure.Kind.CONNECTION_CLOSED, "closed"));
    assertNull(done.record().error());

    StreamRecording cut = new StreamRecording(OpenAiCompletionsDialect.INSTANCE, new RequestRecord("c"));
    read(cut, false, "data: {\"choices\":[{\"text\":\"a\"}]}\n\n");
    cut.failure(ClientFailure.of(ClientFailure.Kind.CONNECTION_CLOSED, "closed"));
    assertEquals(ErrorCategory.CONNECTION_CLOSED, cut.record().error());

    StreamRecording status = new StreamRecording(OpenAiCompletionsDialect.INSTANCE, new RequestRecord("c"));
    status.failure(new ClientFailure(ClientFailure.Kind.HTTP_STATUS, 429, "rate limited"));
    assertEquals("HTTP 429", status.record().errorLabel());
  }

  @Test
  void generatedTextIsOnlyKeptWhenAskedFor() {
    String[] stream = {
      "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
      "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"}}]}\n\n",
      "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
      "data: {\"choices\":[{\"delta\":{\"content\":\" there\\n\"}}]}\n\ndata: [DONE]\n\n"
    };
    RequestRecord captured =
        read(new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")).captureGeneratedText(), true,
            stream);
    assertEquals("Hi there\n", captured.generatedText(), "visible content only, reasoning left out");
    assertEquals("hmm", captured.reasoningText(), "the reasoning, kept apart from the answer");
    RequestRecord plain = read(new StreamRecording(OpenAiChatDialect.INSTANCE, new RequestRecord("chat")), true, stream);
    assertNull(plain.generatedText());
    assertNull(plain.reasoningText());
    assertEquals(captured.chunkCount(), plain.chunkCount());
  }
}
