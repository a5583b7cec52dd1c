package io.github.gatlingllm.bench.fast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Every byte the server streams, encoded once at start: an answer is the same few constant buffers for every request
 * (a {@code duplicate()} of one is written, so no bytes are copied or encoded per chunk). OpenAI {@code /v1/completions}
 * streaming as vLLM writes it, in HTTP/1.1 chunked framing: one SSE event per HTTP chunk, the last token with
 * {@code "finish_reason":"length"}, then the {@code include_usage} event (empty {@code choices}), {@code [DONE]} and
 * the zero-length chunk, all in the last token's write.
 */
final class FastChunks {
  /** The model name the server reports; the harness sends it as {@code llm.model}. */
  static final String MODEL = "fast-llm";
  /**
   * {@code usage.prompt_tokens} of every answer. The server never reads the prompt (it would cost a JSON parse per
   * request), so this is a constant; the calibration's prompts are 16 tokens long.
   */
  static final int PROMPT_TOKENS = 16;

  private static final String PREFIX =
      "data: {\"id\":\"cmpl-fast\",\"object\":\"text_completion\",\"created\":1700000000,\"model\":\"" + MODEL + "\",";
  private static final String HEAD =
      "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
          + "transfer-encoding: chunked\r\n\r\n";

  final ByteBuf first;
  final ByteBuf middle;
  final ByteBuf last;
  /** A one-token answer: head, token, end. */
  final ByteBuf only;

  FastChunks(int tokens) {
    String token = chunk(PREFIX + "\"choices\":[{\"index\":0,\"text\":\" tok\",\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    String end =
        chunk(PREFIX + "\"choices\":[{\"index\":0,\"text\":\" tok\",\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n")
            + chunk(PREFIX + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":"
                + tokens + ",\"total_tokens\":" + (PROMPT_TOKENS + tokens) + "}}\n\n")
            + chunk("data: [DONE]\n\n")
            + "0\r\n\r\n";
    first = constant(HEAD + token);
    middle = constant(token);
    last = constant(end);
    only = constant(HEAD + end);
  }

  /** The buffer of chunk {@code index} (from 0) of an answer of {@code tokens}. */
  ByteBuf forChunk(int index, int tokens) {
    if (index == 0) {
      return tokens == 1 ? only : first;
    }
    return index == tokens - 1 ? last : middle;
  }

  /** One HTTP/1.1 chunk: its size in hex, CRLF, the data, CRLF. */
  private static String chunk(String data) {
    return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
  }

  /** Direct (what the socket write wants), and unreleasable: every write's duplicate shares it. */
  private static ByteBuf constant(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
  }

  /** A complete response with a body and a Content-Length, for the few non-streaming routes. */
  static ByteBuf plain(int status, String reason, String contentType, String body) {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 " + status + " " + reason + "\r\ncontent-type: " + contentType + "\r\ncontent-length: "
            + payload.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    return Unpooled.buffer(headBytes.length + payload.length).writeBytes(headBytes).writeBytes(payload);
  }
}
