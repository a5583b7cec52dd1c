package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawBodyReaderTest {
  /** ASCII, 2-, 3- and 4-byte code points side by side. */
  private static final String TEXT = "a é€ 世界 🙂x😀";
  private static final byte[] BYTES = TEXT.getBytes(StandardCharsets.UTF_8);

  private final List<byte[]> events = new ArrayList<>();
  private final List<Long> stamps = new ArrayList<>();
  private final RawBodyReader reader =
      new RawBodyReader(
          (event, readNanos) -> {
            events.add(Arrays.copyOf(event.data(), event.dataLength()));
            stamps.add(readNanos);
            return true;
          });

  private boolean feed(byte[] bytes, int from, int to, long nanos) {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes, from, to - from);
    try {
      return reader.read(buf, nanos);
    } finally {
      buf.release();
    }
  }

  private String joined() {
    StringBuilder text = new StringBuilder();
    for (byte[] event : events) {
      text.append(new String(event, StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  @Test
  void everySplitInTwoKeepsTheTextIntactAndGivesOneEventPerSlice() {
    for (int cut = 1; cut < BYTES.length; cut++) {
      reader.reset();
      events.clear();
      feed(BYTES, 0, cut, 1);
      feed(BYTES, cut, BYTES.length, 2);
      assertEquals(2, events.size(), "cut at " + cut);
      assertEquals(TEXT, joined(), "cut at " + cut);
      for (byte[] event : events) {
        assertFalse(new String(event, StandardCharsets.UTF_8).contains("\uFFFD"), "cut at " + cut);
      }
    }
  }

  @Test
  void oneByteAtATimeStillDecodesEveryCodePointWhole() {
    for (int i = 0; i < BYTES.length; i++) {
      feed(BYTES, i, i + 1, i);
    }
    // Each received byte is an event (data arrived), but the text only moves on at whole code points.
    assertEquals(BYTES.length, events.size());
    assertEquals(TEXT, joined());
    assertFalse(joined().contains("\uFFFD"));
  }

  @Test
  void aFourByteCodePointCutInThreeOpensTheEventOfItsLastByte() {
    byte[] smiley = "🙂".getBytes(StandardCharsets.UTF_8);
    feed(smiley, 0, 1, 10);
    feed(smiley, 1, 3, 20);
    feed(smiley, 3, 4, 30);
    assertEquals(List.of(0, 0, 4), events.stream().map(e -> e.length).toList());
    assertEquals("🙂", joined());
    assertEquals(List.of(10L, 20L, 30L), stamps);
  }

  @Test
  void emptySlicesAreNoEvents() {
    assertTrue(feed(BYTES, 0, 0, 1));
    assertTrue(events.isEmpty());
  }

  @Test
  void invalidBytesPassThroughForTheDecoderToReplace() {
    byte[] bad = {'a', (byte) 0xFF, (byte) 0x80, (byte) 0x80, (byte) 0x80, 'b'};
    feed(bad, 0, bad.length, 1);
    assertEquals(bad.length, events.get(0).length);
  }

  @Test
  void resetDropsAPendingPartialCodePoint() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    feed(euro, 0, 2, 1);
    reader.reset();
    feed(BYTES, 0, 1, 2);
    assertEquals("a", new String(events.get(1), StandardCharsets.UTF_8));
  }

  @Test
  void aListenerSayingStopIsPassedOn() {
    RawBodyReader stopping = new RawBodyReader((event, readNanos) -> false);
    ByteBuf buf = Unpooled.wrappedBuffer(BYTES);
    try {
      assertFalse(stopping.read(buf, 1));
    } finally {
      buf.release();
    }
  }
}
