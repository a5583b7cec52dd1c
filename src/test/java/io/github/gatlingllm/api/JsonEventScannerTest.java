package io.github.gatlingllm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.api.JsonEventScanner.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonEventScannerTest {
  private static final byte[] CONTENT = JsonEventScanner.ascii("content");

  private static JsonEventScanner scan(String json) {
    return scan(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonEventScanner scan(byte[] bytes) {
    JsonEventScanner scanner = new JsonEventScanner();
    scanner.reset(bytes, bytes.length);
    return scanner;
  }

  /** The decoded value of the single field of {@code {"v": <value>}}. */
  private static String stringValue(String value) throws MalformedEventException {
    JsonEventScanner json = scan("{\"v\":" + value + "}");
    json.enterTopLevelObject();
    assertTrue(json.nextField());
    assertEquals(Kind.STRING, json.peekValue());
    StringBuilder sink = new StringBuilder();
    json.appendString(sink);
    assertFalse(json.nextField());
    json.expectEndOfInput();
    return sink.toString();
  }

  /** Walks the whole event, skipping every top-level value: how a reader meets fields it does not want. */
  private static void skimWhole(String json) throws MalformedEventException {
    skimWhole(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void skimWhole(byte[] bytes) throws MalformedEventException {
    JsonEventScanner json = scan(bytes);
    json.enterTopLevelObject();
    while (json.nextField()) {
      json.skipValue();
    }
    json.expectEndOfInput();
  }

  private static String failure(String json) {
    return assertThrows(MalformedEventException.class, () -> skimWhole(json), json).getMessage();
  }

  @Test
  void kindsOfValues() throws Exception {
    JsonEventScanner json = scan("{\"o\":{},\"a\":[],\"s\":\"\",\"n\":-1.5,\"t\":true,\"f\":false,\"z\":null}");
    json.enterTopLevelObject();
    List<Kind> kinds = new ArrayList<>();
    while (json.nextField()) {
      kinds.add(json.peekValue());
      json.skipValue();
    }
    json.expectEndOfInput();
    assertEquals(List.of(Kind.OBJECT, Kind.ARRAY, Kind.STRING, Kind.NUMBER, Kind.TRUE, Kind.FALSE, Kind.NULL), kinds);
  }

  @Test
  void fieldNamesAreComparedAsBytesAndEscapedNamesAsWhatTheyDecodeTo() throws Exception {
    for (String name : new String[] {"content", "cont\\u0065nt", "\\u0063\\u006f\\u006e\\u0074\\u0065\\u006e\\u0074"}) {
      JsonEventScanner json = scan("{\"" + name + "\":1}");
      json.enterTopLevelObject();
      assertTrue(json.nextField());
      assertTrue(json.fieldIs(CONTENT), name);
      assertFalse(json.fieldIs(JsonEventScanner.ascii("conten")), name);
      assertFalse(json.fieldIs(JsonEventScanner.ascii("contents")), name);
      json.skipValue();
    }
    for (String other : new String[] {"Content", "cont\\u0066nt", "conte\\nt", "contént", ""}) {
      JsonEventScanner json = scan("{\"" + other + "\":1}");
      json.enterTopLevelObject();
      assertTrue(json.nextField());
      assertFalse(json.fieldIs(CONTENT), other);
    }
  }

  @Test
  void objectsAndArraysAreWalkedMemberByMember() throws Exception {
    JsonEventScanner json = scan(" { \"a\" : [ 1 , { \"b\" : [ ] } , [ [ ] ] ] , \"c\" : { } } ");
    json.enterTopLevelObject();
    assertTrue(json.nextField());
    json.enterArray();
    int elements = 0;
    while (json.nextElement()) {
      elements++;
      json.skipValue();
    }
    assertEquals(3, elements);
    assertTrue(json.nextField());
    json.enterObject();
    assertFalse(json.nextField());
    assertFalse(json.nextField());
    json.expectEndOfInput();
  }

  @Test
  void everyEscapeDecodes() throws Exception {
    assertEquals("\" \\ / \b \f \n \r \t", stringValue("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
    assertEquals("caf\u00e9 \u4e2d \u0000", stringValue("\"caf\\u00E9 \\u4e2d \\u0000\""));
    assertEquals("\ud83d\ude00", stringValue("\"\\ud83d\\uDE00\""), "a surrogate pair is two escapes");
    assertEquals("\ud800", stringValue("\"\\ud800\""), "a lone surrogate in a value passes, as with Jackson");
  }

  @Test
  void multiByteUtf8Decodes() throws Exception {
    assertEquals("é中😀 ok", stringValue("\"é中😀 ok\""));
    assertEquals("\u0080\u07ff\u0800\uffff\udbff\udfff", stringValue("\"\u0080\u07ff\u0800\uffff\udbff\udfff\""));
  }

  @Test
  void emptinessIsToldWithoutReading() throws Exception {
    JsonEventScanner json = scan("{\"a\":\"\",\"b\":\"\\u0000\",\"c\":\"x\"}");
    json.enterTopLevelObject();
    List<Boolean> empty = new ArrayList<>();
    while (json.nextField()) {
      empty.add(json.nextStringIsEmpty());
      assertEquals(!empty.get(empty.size() - 1), json.readText(null));
    }
    assertEquals(List.of(true, false, false), empty);
  }

  @Test
  void readTextAppendsOnlyWithASink() throws Exception {
    JsonEventScanner json = scan("{\"a\":\"x\\ty\",\"b\":\"\"}");
    json.enterTopLevelObject();
    StringBuilder sink = new StringBuilder("<");
    json.nextField();
    assertTrue(json.readText(sink));
    json.nextField();
    assertFalse(json.readText(sink));
    assertEquals("<x\ty", sink.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "7", "-12", "2147483647", "-2147483648", "1000000000"})
  void integersAreRead(String number) throws Exception {
    JsonEventScanner json = scan("{\"n\":" + number + "}");
    json.enterTopLevelObject();
    json.nextField();
    assertTrue(json.nextValueIsInteger());
    assertEquals(Integer.parseInt(number), json.readInt());
    assertFalse(json.nextField());
  }

  @ParameterizedTest
  @ValueSource(strings = {"12.0", "1e3", "1E+3", "-2.5e-7", "0.001", "31.5E2", "\"12\"", "true", "null", "[1]"})
  void nonIntegersAreNotIntegers(String value) throws Exception {
    JsonEventScanner json = scan("{\"n\":" + value + "}");
    json.enterTopLevelObject();
    json.nextField();
    assertFalse(json.nextValueIsInteger(), value);
    json.skipValue();
    assertFalse(json.nextField());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483648", "-2147483649", "99999999999", "12345678901234567890"})
  void integersBeyondIntAreMalformedWhenRead(String number) throws Exception {
    JsonEventScanner json = scan("{\"n\":" + number + "}");
    json.enterTopLevelObject();
    json.nextField();
    assertTrue(json.nextValueIsInteger());
    assertThrows(MalformedEventException.class, json::readInt);
    skimWhole("{\"n\":" + number + "}"); // but fine to skip
  }

  @Test
  void deepNestingIsSkippedIterativelyUpToJacksonsBound() throws Exception {
    int depth = JsonEventScanner.MAX_DEPTH;
    skimWhole("{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
    String tooDeep = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    assertTrue(failure(tooDeep).startsWith("event data is not valid JSON: "));
    String huge = "{\"a\":" + "[{\"b\":".repeat(100_000) + "}]".repeat(100_000) + "}";
    assertTrue(failure(huge).startsWith("event data is not valid JSON: "), "no StackOverflowError");
  }

  @Test
  void whitespaceAndByteOrderMark() throws Exception {
    skimWhole(" \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ 1 , 2 ] \t\r\n} \t\r\n");
    skimWhole("\ufeff{}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,",
        "{\"a\":[1,2",
        "{\"a\":\"open",
        "{\"a\":\"esc\\",
        "{\"a\":\"\\u12",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":1,}",
        "{\"a\":[1,]}",
        "{\"a\":[,1]}",
        "{\"a\":[1 2]}",
        "{,}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":tru}",
        "{\"a\":fals}",
        "{\"a\":nul}",
        "{\"a\":True}",
        "{\"a\":01}",
        "{\"a\":-01}",
        "{\"a\":-}",
        "{\"a\":- 1}",
        "{\"a\":1.}",
        "{\"a\":1.e3}",
        "{\"a\":.5}",
        "{\"a\":1e}",
        "{\"a\":1e-}",
        "{\"a\":+1}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":\"nul\u0000\"}",
        "{\"a\u001f\":1}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\U0041\"}",
        "{\"a\":\"\\u00G0\"}",
        "{\"\\ud800\":1}",
        "{\"\\udc00\\ud800\":1}",
        "{\"a\":[}",
        "{\"a\":{]}",
        "{\"a\":1]",
        "{\"a\":1}}",
        "{\"a\":1}]",
        "{\"a\":1}x",
        "{\"a\":1}\u000b",
        "{\"a\":1/*c*/}",
        "not json",
        "}"
      })
  void malformedJsonIsNotValidJson(String json) {
    String message = failure(json);
    assertTrue(message.startsWith("event data is not valid JSON: '"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "[1,2]", "\"text\"", "123", "-1.5e3 ", "true", "null", "[", "\"open"})
  void otherJsonIsNotAJsonObject(String json) {
    assertTrue(failure(json).startsWith("event data is not a JSON object: "), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} {}", "{}[", "{} 12", "{}\"x", "{} true", "{} null]", "{} -0.5 x"})
  void validTokensAfterTheObjectAreTrailingContent(String json) {
    assertTrue(failure(json).startsWith("trailing content after the JSON object: "), json);
  }

  @Test
  void invalidUtf8InStringsIsMalformed() {
    byte[][] broken = {
      {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0xE4, (byte) 0xB8, 'x', '"', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, '"', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0xF8, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', '}'},
      {'{', '"', (byte) 0xC3, '"', ':', '1', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0xE4, (byte) 0xB8}
    };
    for (byte[] bytes : broken) {
      assertThrows(MalformedEventException.class, () -> skimWhole(bytes));
    }
  }

  @Test
  void onlyLengthBytesCount() throws Exception {
    byte[] buffer = "{\"a\":1}garbage".getBytes(StandardCharsets.UTF_8);
    JsonEventScanner json = scan(buffer);
    json.reset(buffer, 7);
    json.enterTopLevelObject();
    assertTrue(json.nextField());
    json.skipValue();
    assertFalse(json.nextField());
    json.expectEndOfInput();
  }

  @Test
  void messagesCarryThePreview() {
    String message = failure("{\"a\":tru}");
    assertEquals("event data is not valid JSON: '{\"a\":tru}'", message);
  }
}
