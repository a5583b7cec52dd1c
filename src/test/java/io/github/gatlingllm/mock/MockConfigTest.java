package io.github.gatlingllm.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MockConfigTest {

  @Test
  void defaultsSuitALaptopRun() {
    MockConfig c = MockConfig.defaults();
    assertEquals(new MockConfig.Server(0, Runtime.getRuntime().availableProcessors(), true), c.server());
    assertEquals(new MockConfig.ServedModel("mock-llm", false, 8192, 100_000, 0), c.served());
    assertEquals(new MockConfig.Latency(20, 0, 20, 5, 0, 0), c.latency());
    assertEquals(new MockConfig.Answers(0, 256, 0, true), c.answers());
    assertEquals(new MockConfig.Faults(FaultMode.NONE, 0, 0, 500, 3, 10_000), c.faults());
    assertEquals(new MockConfig.PrefixCache(100_000, 16), c.prefixCache());
    assertEquals(0, c.truthSkipFirst());
  }

  @Test
  void propertiesSetEveryKnobAndIgnoreOtherKeys() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("mock.port", "8123");
    p.put("mock.model", "qwen");
    p.put("mock.strictModel", "TRUE");
    p.put("mock.maxModelLen", "4096");
    p.put("mock.seed", "-9");
    p.put("mock.ttftMs", "100");
    p.put("mock.ttftPerPromptTokenMs", "0.25");
    p.put("mock.itlMs", " 20 ");
    p.put("mock.itlPerActiveStreamMs", "0.5");
    p.put("mock.itlJitterMs", "2");
    p.put("mock.defaultMaxTokens", "64");
    p.put("mock.threads", "3");
    p.put("mock.nativeTransport", "false");
    p.put("mock.faultMode", "error-event");
    p.put("mock.faultEvery", "10");
    p.put("mock.faultOffset", "2");
    p.put("mock.faultStatus", "503");
    p.put("mock.faultAfterTokens", "0");
    p.put("mock.faultStallMs", "1500");
    p.put("mock.batchSlots", "8");
    p.put("mock.prefixCacheBlocks", "0");
    p.put("mock.prefixBlockTokens", "32");
    p.put("user.home", "/elsewhere");
    MockConfig expected = MockConfig.builder().port(8123).model("qwen").strictModel(true).maxModelLen(4096).seed(-9)
        .ttftMs(100).ttftPerPromptTokenMs(0.25).itlMs(20).itlPerActiveStreamMs(0.5).itlJitterMs(2)
        .defaultMaxTokens(64).threads(3).nativeTransport(false).faultMode(FaultMode.ERROR_EVENT).faultEvery(10)
        .faultOffset(2).faultStatus(503).faultAfterTokens(0).faultStallMs(1500).batchSlots(8)
        .prefixCacheBlocks(0).prefixBlockTokens(32).build();
    assertEquals(expected, MockConfig.fromProperties(p));
    assertEquals(expected, expected.toBuilder().build());
  }

  @Test
  void badValuesNameTheSettingTheValueAndWhatIsAccepted() {
    assertInvalid("mock.ttftMs", "abc", "Invalid value 'abc' for mock.ttftMs: expected a number of milliseconds >= 0");
    assertInvalid("mock.itlMs", "-5", "Invalid value '-5' for mock.itlMs: expected a number of milliseconds >= 0");
    assertInvalid("mock.itlJitterMs", "NaN", "Invalid value 'NaN' for mock.itlJitterMs");
    assertInvalid("mock.port", "70000", "Invalid value '70000' for mock.port: expected an integer in [0, 65535]");
    assertInvalid("mock.threads", "0", "Invalid value '0' for mock.threads: expected an integer >= 1");
    assertInvalid("mock.threads", "two", "Invalid value 'two' for mock.threads");
    assertInvalid("mock.nativeTransport", "yes", "Invalid value 'yes' for mock.nativeTransport: expected true or false");
    assertInvalid("mock.faultMode", "boom",
        "Invalid value 'boom' for mock.faultMode: expected one of none, http_error, cut, malformed, stall, error_event");
    assertInvalid("mock.faultStatus", "200", "Invalid value '200' for mock.faultStatus: expected an HTTP status");
    assertInvalid("mock.model", " ", "Invalid value '' for mock.model: expected a non-empty model name");
    assertInvalid("mock.ttft", "5", "Unknown setting 'mock.ttft': accepted settings are port, model");
  }

  @Test
  void aFaultModeWithoutAPeriodIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MockConfig.builder().faultMode(FaultMode.CUT).build());
    assertTrue(e.getMessage().contains("mock.faultMode ('cut') and mock.faultEvery (0) disagree"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MockConfig.builder().faultEvery(3).build());
  }

  @Test
  void builderRejectsWhatParsingRejects() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MockConfig.builder().ttftMs(-1.5).build());
    assertEquals("Invalid value '-1.5' for mock.ttftMs: expected a number of milliseconds >= 0", e.getMessage());
  }

  @Test
  void mainArgumentsOverrideSystemPropertiesAndBareFlagsMeanTrue() {
    Properties system = new Properties();
    system.setProperty("mock.ttftMs", "1");
    system.setProperty("mock.itlMs", "2");
    system.setProperty("java.version", "17");
    Map<String, String> settings =
        MockServerMain.settings(system, new String[] {"--port=8000", "--ttftMs=100", "--strictModel"});
    MockConfig config = MockConfig.fromProperties(settings);
    assertEquals(8000, config.server().port());
    assertEquals(100, config.latency().ttftMs());
    assertEquals(2, config.latency().itlMs());
    assertTrue(config.served().strictModel());
  }

  @Test
  void batchSlotsRejectsWhatIsNotACountOfSlots() {
    String expected = ": expected an integer >= 0 (0 = unlimited)";
    assertInvalid("mock.batchSlots", "-1", "Invalid value '-1' for mock.batchSlots" + expected);
    assertInvalid("mock.batchSlots", "eight", "Invalid value 'eight' for mock.batchSlots" + expected);
    assertInvalid("mock.batchSlots", "2.5", "Invalid value '2.5' for mock.batchSlots" + expected);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MockConfig.builder().batchSlots(-3).build());
    assertEquals("Invalid value '-3' for mock.batchSlots" + expected, e.getMessage());
  }

  @Test
  void mainTakesBatchSlotsLikeEveryOtherKnob() {
    MockConfig config =
        MockConfig.fromProperties(MockServerMain.settings(new Properties(), new String[] {"--batchSlots=8"}));
    assertEquals(8, config.served().batchSlots());
    assertEquals(0, MockConfig.defaults().served().batchSlots(), "unlimited unless set");
  }

  @Test
  void prefixCacheKnobsRejectWhatIsNotACountNamingTheValue() {
    assertInvalid("mock.prefixCacheBlocks", "-1",
        "Invalid value '-1' for mock.prefixCacheBlocks: expected an integer >= 0 (0 = off)");
    assertInvalid("mock.prefixCacheBlocks", "lots",
        "Invalid value 'lots' for mock.prefixCacheBlocks: expected an integer >= 0 (0 = off)");
    assertInvalid("mock.prefixBlockTokens", "0", "Invalid value '0' for mock.prefixBlockTokens: expected an integer >= 1");
    assertInvalid("mock.prefixBlockTokens", "1.5",
        "Invalid value '1.5' for mock.prefixBlockTokens: expected an integer >= 1");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MockConfig.builder().prefixBlockTokens(-16).build());
    assertEquals("Invalid value '-16' for mock.prefixBlockTokens: expected an integer >= 1", e.getMessage());
    MockConfig config = MockConfig.fromProperties(
        MockServerMain.settings(new Properties(), new String[] {"--prefixCacheBlocks=0", "--prefixBlockTokens=8"}));
    assertEquals(new MockConfig.PrefixCache(0, 8), config.prefixCache());
  }

  @Test
  void mainRejectsArgumentsThatAreNotSettings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MockServerMain.settings(new Properties(), new String[] {"8000"}));
    assertTrue(e.getMessage().startsWith("Unrecognised argument '8000'"), e.getMessage());
  }

  @Test
  void helpListsEveryKnobAndDescribeRoundTrips() {
    String usage = MockServerMain.usage();
    for (MockKnob knob : MockKnob.values()) {
      assertTrue(usage.contains("--" + knob.key + "="), knob.key);
    }
    assertTrue(usage.contains("x-mock-fault"));
    MockConfig config = MockConfig.builder().ttftMs(12.5).fault(FaultMode.STALL, 4).build();
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : MockConfigParser.describe(config).split("\n")) {
      String arg = line.trim();
      settings.put("mock." + arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    assertEquals(config, MockConfig.fromProperties(settings));
  }

  private static void assertInvalid(String key, String value, String messageStart) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MockConfig.fromProperties(Map.of(key, value)));
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }
}
