package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.javaapi.RampUp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LoadModelSettingsTest {

  private static LlmProperties props(List<String> known, String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return LlmProperties.of(p, known);
  }

  private static ConcurrencyProfilesSettings profiles(String... pairs) {
    return ConcurrencyProfilesSettings.from(props(ConcurrencyProfilesSettings.PROPERTIES, pairs));
  }

  @Test
  void profilesHaveTheWorkloadTable() {
    ConcurrencyProfilesSettings low = profiles();
    assertEquals(ConcurrencyProfile.LOW, low.profile());
    assertEquals(List.of(1, 4, 8, 16, 32), low.levels());
    assertEquals(100, low.resolveInputLen(OptionalInt.empty()));
    assertEquals(150, low.outputLen());
    assertTrue(low.common().ignoreEos());
    ConcurrencyProfilesSettings medium = profiles("llm.profile", "medium");
    assertEquals(List.of(32, 64, 128), medium.levels());
    assertEquals(200, medium.resolveInputLen(OptionalInt.empty()));
    assertEquals(250, medium.outputLen());
  }

  @Test
  void highTakesTheContextLengthFromTheServerUnlessGiven() {
    ConcurrencyProfilesSettings high = profiles("llm.profile", "high");
    assertEquals(List.of(1, 5, 10), high.levels());
    assertEquals(2048, high.outputLen());
    assertTrue(high.needsServerContextLength());
    assertEquals(8192 - 2048, high.resolveInputLen(OptionalInt.of(8192)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> high.resolveInputLen(OptionalInt.empty()));
    assertTrue(e.getMessage().contains("-Dllm.maxModelLen"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> high.resolveInputLen(OptionalInt.of(2048)));

    ConcurrencyProfilesSettings given = profiles("llm.profile", "high", "llm.maxModelLen", "32768");
    assertFalse(given.needsServerContextLength());
    assertEquals(32768 - 2048, given.resolveInputLen(OptionalInt.of(8192)), "the property wins over the server");
    assertEquals(500, profiles("llm.profile", "high", "llm.randomInputLen", "500").resolveInputLen(OptionalInt.empty()));
  }

  @Test
  void customNeedsLevelsAndOverridesApply() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> profiles("llm.profile", "custom"));
    assertTrue(e.getMessage().contains("llm.concurrencyLevels"), e.getMessage());
    ConcurrencyProfilesSettings custom =
        profiles(
            "llm.profile", "custom", "llm.concurrencyLevels", " 2, 6 ", "llm.randomOutputLen", "7",
            "llm.numPromptsPerLevel", "12");
    assertEquals(List.of(2, 6), custom.levels());
    assertEquals(1024, custom.resolveInputLen(OptionalInt.empty()));
    assertEquals(7, custom.outputLen());
    assertEquals(12, custom.requestsAt(6));
    assertEquals(10, profiles().requestsAt(1), "default: max(2 x level, 10)");
    assertEquals(64, profiles().requestsAt(32));
  }

  @Test
  void badValuesNameThePropertyAndWhatIsAccepted() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> profiles("llm.concurrencyLevels", "1,x"));
    assertTrue(e.getMessage().contains("'1,x' for llm.concurrencyLevels"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> profiles("llm.concurrencyLevels", "4,4"));
    assertTrue(e.getMessage().contains("once"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> profiles("llm.profile", "huge"));
    assertTrue(e.getMessage().contains("high, medium, low, custom"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> profiles("llm.numPrompts", "5"));
    assertTrue(e.getMessage().contains("Unknown property llm.numPrompts"), e.getMessage());
  }

  @Test
  void throughputAndLlmOnRayDefaults() {
    ThroughputSettings t = ThroughputSettings.from(props(ThroughputSettings.PROPERTIES));
    assertEquals(1000, t.numPrompts());
    assertEquals(ServingSettings.COMPLETIONS, t.common().endpoint());
    LlmOnRaySettings r =
        LlmOnRaySettings.from(props(LlmOnRaySettings.PROPERTIES, "llm.requestRate", "4", "llm.maxNewTokens", "64"));
    assertEquals(4.0, r.requestRate());
    assertEquals(java.util.OptionalInt.of(64), r.dataset().maxNewTokens());
    assertEquals("32", r.dataset().inputTokens());
    assertEquals("ipex", r.dataset().dataset(), "LLM-on-Ray's prompts by default");
    assertTrue(r.common().chat(), "LLM-on-Ray's OpenAI mode posts chat completions");
    assertFalse(r.common().ignoreEos());
    assertThrows(
        IllegalArgumentException.class,
        () -> ThroughputSettings.from(props(ThroughputSettings.PROPERTIES, "llm.requestRate", "4")));
  }

  private static ThroughputSettings throughput(String... pairs) {
    return ThroughputSettings.from(props(ThroughputSettings.PROPERTIES, pairs));
  }

  @Test
  void throughputKeepsItsRandomDefaults() {
    ThroughputSettings t = throughput();
    assertEquals(1000, t.numPrompts());
    assertEquals("random", t.dataset().dataset());
    assertEquals(1024, t.dataset().randomInputLen());
    assertEquals(128, t.dataset().randomOutputLen());
    assertEquals(0.0, t.dataset().randomRangeRatio(), "exact lengths, as before");
    assertTrue(t.common().ignoreEos());
    ThroughputSettings set = throughput("llm.randomInputLen", "16", "llm.randomOutputLen", "8");
    assertEquals(16, set.dataset().randomInputLen());
    assertEquals(8, set.dataset().randomOutputLen());
  }

  @Test
  void throughputTakesTheServingDatasets() {
    ThroughputSettings t =
        throughput("llm.dataset", "sharegpt", "llm.datasetPath", "ShareGPT_V3.json", "llm.numPrompts", "8");
    assertEquals("sharegpt", t.dataset().dataset());
    assertEquals(Optional.of("ShareGPT_V3.json"), t.dataset().datasetPath());
    assertEquals(OptionalInt.empty(), t.dataset().sharegptOutputLen(), "each conversation's own answer length");
    assertEquals(OptionalInt.of(64), throughput("llm.sharegptOutputLen", "64").dataset().sharegptOutputLen());
    assertEquals(300, throughput("llm.dataset", "sonnet", "llm.sonnetInputLen", "300").dataset().sonnetInputLen());
    assertEquals(ServingSettings.PROPERTIES.stream().filter(DatasetSettings.PROPERTIES::contains).toList(),
        ThroughputSettings.PROPERTIES.stream().filter(DatasetSettings.PROPERTIES::contains).toList(),
        "the serving benchmark's dataset knobs, no more, no fewer");
  }

  @Test
  void throughputNamesBadDatasetValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> throughput("llm.dataset", "c4"));
    assertTrue(e.getMessage().contains("llm.dataset"), e.getMessage());
    assertTrue(e.getMessage().contains("random, sonnet, sharegpt, ipex, jsonl"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> throughput("llm.sharegptOutputLen", "0"));
    assertTrue(e.getMessage().contains("llm.sharegptOutputLen"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> throughput("llm.datasetPth", "x.json"));
    assertTrue(e.getMessage().contains("Unknown property llm.datasetPth"), e.getMessage());
  }

  private static final List<String> RAMP_KNOWN =
      CommonSettings.with("llm.requestRate", "llm.rampUpStrategy", "llm.rampUpStartRps", "llm.rampUpEndRps");

  private static Optional<RampUp> ramp(String... pairs) {
    LlmProperties p = props(RAMP_KNOWN, pairs);
    return RampUpSettings.from(p, p.rate("llm.requestRate"));
  }

  @Test
  void rampPropertiesFollowVllmsRules() {
    assertEquals(Optional.empty(), ramp());
    assertEquals(
        Optional.of(RampUp.exponential(1, 20)),
        ramp("llm.rampUpStrategy", "exponential", "llm.rampUpStartRps", "1", "llm.rampUpEndRps", "20"));
    assertEquals(
        Optional.of(RampUp.linear(2, 2)),
        ramp("llm.rampUpStrategy", "linear", "llm.rampUpStartRps", "2", "llm.rampUpEndRps", "2",
            "llm.requestRate", "inf"));
    assertRejected("needs both", "llm.rampUpStrategy", "linear", "llm.rampUpStartRps", "1");
    assertRejected("need llm.rampUpStrategy", "llm.rampUpEndRps", "5");
    assertRejected("remove llm.requestRate",
        "llm.rampUpStrategy", "linear", "llm.rampUpStartRps", "1", "llm.rampUpEndRps", "5", "llm.requestRate", "3");
    assertRejected("must not be above",
        "llm.rampUpStrategy", "linear", "llm.rampUpStartRps", "9", "llm.rampUpEndRps", "5");
    assertRejected("'0' for llm.rampUpStartRps",
        "llm.rampUpStrategy", "linear", "llm.rampUpStartRps", "0", "llm.rampUpEndRps", "5");
    assertRejected("linear, exponential",
        "llm.rampUpStrategy", "step", "llm.rampUpStartRps", "1", "llm.rampUpEndRps", "5");
  }

  private static void assertRejected(String fragment, String... pairs) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ramp(pairs));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
