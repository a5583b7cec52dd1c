package io.github.gatlingllm.mock;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the SSE events of one stream into pooled buffers. Every event is the stream's own prefix
 * ({@code data: {"id":...,"object":...,"created":...,"model":...,}}, encoded once per request) followed by constant
 * byte arrays shared by all streams, so that a token costs one pooled buffer and three copies, with no string
 * building or JSON serialisation.
 */
final class SseChunkEncoder {
  static final int FINISH_NONE = 0;
  static final int FINISH_LENGTH = 1;
  static final int FINISH_STOP = 2;

  private static final byte[] CHAT_ROLE =
      ascii("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
          + "\"finish_reason\":null}]}\n\n");
  private static final byte[] CHAT_OPEN = ascii("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
  private static final byte[] CHAT_REASONING_OPEN =
      ascii("\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"");
  private static final byte[][] CHAT_CLOSE = closes("\"},\"logprobs\":null,\"finish_reason\":");
  private static final byte[] TEXT_OPEN = ascii("\"choices\":[{\"index\":0,\"text\":\"");
  private static final byte[][] TEXT_CLOSE = closes("\",\"logprobs\":null,\"finish_reason\":");
  private static final byte[] USAGE_OPEN = ascii("\"choices\":[],\"usage\":");
  private static final byte[] DONE = ascii("data: [DONE]\n\n");
  /** An event cut inside its JSON, as a server crashing while writing one would leave it. */
  private static final byte[] MALFORMED = ascii("data: {\"choices\": [\n\n");

  private final byte[] prefix;
  private final boolean chat;

  SseChunkEncoder(Endpoint endpoint, String id, long createdSeconds, String model) {
    this.chat = endpoint == Endpoint.CHAT;
    this.prefix =
        ascii("data: {\"id\":\"" + id + "\",\"object\":\"" + endpoint.chunkObject + "\",\"created\":"
            + createdSeconds + ",\"model\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(model))
            + "\",");
  }

  /** Chat only: the first event, {@code "delta":{"role":"assistant","content":""}}. */
  ByteBuf role(ByteBufAllocator alloc) {
    return alloc.ioBuffer(prefix.length + CHAT_ROLE.length).writeBytes(prefix).writeBytes(CHAT_ROLE);
  }

  /**
   * @param finish {@link #FINISH_NONE}, {@link #FINISH_LENGTH} or {@link #FINISH_STOP}
   */
  ByteBuf token(ByteBufAllocator alloc, int index, int finish) {
    return token(alloc, index, finish, false);
  }

  /**
   * @param reasoning chat only: send the token as {@code delta.reasoning_content} (a reasoning model's thinking)
   */
  ByteBuf token(ByteBufAllocator alloc, int index, int finish, boolean reasoning) {
    byte[] open = chat ? (reasoning ? CHAT_REASONING_OPEN : CHAT_OPEN) : TEXT_OPEN;
    byte[] close = (chat ? CHAT_CLOSE : TEXT_CLOSE)[finish];
    byte[] token = TokenVocabulary.jsonBytes(index);
    return alloc.ioBuffer(prefix.length + open.length + token.length + close.length)
        .writeBytes(prefix)
        .writeBytes(open)
        .writeBytes(token)
        .writeBytes(close);
  }

  /** The {@code include_usage} event: empty {@code choices} and the token counts. */
  ByteBuf usage(ByteBufAllocator alloc, TokenUsage usage) {
    byte[] counts = ascii(usage.json() + "}\n\n");
    return alloc.ioBuffer(prefix.length + USAGE_OPEN.length + counts.length)
        .writeBytes(prefix)
        .writeBytes(USAGE_OPEN)
        .writeBytes(counts);
  }

  static ByteBuf done(ByteBufAllocator alloc) {
    return alloc.ioBuffer(DONE.length).writeBytes(DONE);
  }

  static ByteBuf malformed(ByteBufAllocator alloc) {
    return alloc.ioBuffer(MALFORMED.length).writeBytes(MALFORMED);
  }

  /** {@code data: {"error":{...}}}: how vLLM reports a failure after the stream started. */
  static ByteBuf error(ByteBufAllocator alloc, int status, String message) {
    byte[] json = ErrorResponses.body(status, message, null);
    return alloc.ioBuffer(json.length + 8)
        .writeBytes(ascii("data: "))
        .writeBytes(json)
        .writeBytes(ascii("\n\n"));
  }

  private static byte[][] closes(String head) {
    return new byte[][] {
      ascii(head + "null}]}\n\n"), ascii(head + "\"length\"}]}\n\n"), ascii(head + "\"stop\"}]}\n\n")
    };
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
