package io.github.gatlingllm.mock;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the SSE events of a TGI {@code /generate_stream} response: one {@code data:{"index":...,"token":{...},
 * "generated_text":null,"details":null}} per token, the last one carrying the whole text and the details (finish
 * reason, {@code generated_tokens}, {@code input_length}). When generation stops before the limit, the last token is
 * the special end-of-sequence token, as TGI sends it. Like TGI, no end marker: the body just ends.
 */
final class TgiChunkEncoder {
  static final String EOS_TEXT = "</s>";
  /** Token ids of the vocabulary start here; the end-of-sequence token has id 2. */
  private static final int FIRST_ID = 100;
  private static final int EOS_ID = 2;

  private static final byte[] OPEN = ascii("data:{\"index\":");
  private static final byte[] TOKEN_ID = ascii(",\"token\":{\"id\":");
  private static final byte[] TEXT = ascii(",\"text\":\"");
  private static final byte[] NORMAL_END = ascii("\",\"logprob\":-0.25,\"special\":false},");
  private static final byte[] SPECIAL_END = ascii("\",\"logprob\":-0.01,\"special\":true},");
  private static final byte[] NOT_LAST = ascii("\"generated_text\":null,\"details\":null}\n\n");
  private static final byte[] MALFORMED = ascii("data:{\"token\":{\"id\":\n\n");

  private TgiChunkEncoder() {}

  /** An intermediate token event (never special). */
  static ByteBuf token(ByteBufAllocator alloc, int index) {
    byte[] text = TokenVocabulary.jsonBytes(index);
    ByteBuf buf = alloc.ioBuffer(OPEN.length + TOKEN_ID.length + TEXT.length + text.length + 80);
    writeToken(buf, index, FIRST_ID + index, text, NORMAL_END);
    return buf.writeBytes(NOT_LAST);
  }

  /**
   * The last event: token {@code index} (the special end-of-sequence token when {@code eos}) with the full text and
   * the details.
   */
  static ByteBuf last(ByteBufAllocator alloc, int index, boolean eos, int promptTokens) {
    int visibleTokens = eos ? index : index + 1;
    byte[] tail =
        ascii("\"generated_text\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(
                TokenVocabulary.text(visibleTokens)))
            + "\",\"details\":{\"finish_reason\":\"" + (eos ? "eos_token" : "length") + "\",\"generated_tokens\":"
            + (index + 1) + ",\"seed\":null,\"input_length\":" + promptTokens + "}}\n\n");
    byte[] text = eos ? ascii(EOS_TEXT) : TokenVocabulary.jsonBytes(index);
    ByteBuf buf = alloc.ioBuffer(OPEN.length + TOKEN_ID.length + TEXT.length + text.length + tail.length + 60);
    writeToken(buf, index, eos ? EOS_ID : FIRST_ID + index, text, eos ? SPECIAL_END : NORMAL_END);
    return buf.writeBytes(tail);
  }

  static ByteBuf malformed(ByteBufAllocator alloc) {
    return alloc.ioBuffer(MALFORMED.length).writeBytes(MALFORMED);
  }

  /** {@code data:{"error":...,"error_type":"generation"}}: how TGI reports a failure after the stream started. */
  static ByteBuf error(ByteBufAllocator alloc, String message) {
    byte[] event =
        ascii("data:{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message))
            + "\",\"error_type\":\"generation\"}\n\n");
    return alloc.ioBuffer(event.length).writeBytes(event);
  }

  private static void writeToken(ByteBuf buf, int index, int id, byte[] text, byte[] end) {
    buf.writeBytes(OPEN)
        .writeCharSequence(Integer.toString(index + 1), StandardCharsets.US_ASCII);
    buf.writeBytes(TOKEN_ID).writeCharSequence(Integer.toString(id), StandardCharsets.US_ASCII);
    buf.writeBytes(TEXT).writeBytes(text).writeBytes(end);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
