package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.dataset.NoiseImages;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VisionSettingsTest {

  private static ConcurrencyProfilesSettings profiles(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return ConcurrencyProfilesSettings.from(LlmProperties.of(p, ConcurrencyProfilesSettings.PROPERTIES));
  }

  @Test
  void visionProfilesHaveTheWorkloadTableAndSpeakChat() {
    ConcurrencyProfilesSettings one = profiles("llm.profile", "vision-1");
    assertEquals(ConcurrencyProfile.VISION_1, one.profile());
    assertEquals(List.of(8, 16, 32, 64, 128), one.levels());
    assertEquals(50, one.resolveInputLen(OptionalInt.empty()));
    assertEquals(300, one.outputLen());
    assertTrue(one.common().chat());
    assertEquals(ServingSettings.CHAT, one.common().endpoint());
    assertEquals(new VisionSettings(512, 512, NoiseImages.Format.PNG, 1), one.vision().orElseThrow());
    ConcurrencyProfilesSettings two = profiles("llm.profile", "vision-2");
    assertEquals(List.of(1, 8, 16, 32), two.levels());
    assertEquals(100, two.resolveInputLen(OptionalInt.empty()));
    assertEquals(100, two.outputLen());
    assertTrue(profiles().vision().isEmpty(), "text profiles send no images");
  }

  @Test
  void imageKnobsAndLevelsOverride() {
    ConcurrencyProfilesSettings s =
        profiles(
            "llm.profile", "vision-2",
            "llm.concurrencyLevels", "1,2",
            "llm.imageWidth", "64",
            "llm.imageHeight", "32",
            "llm.imageFormat", "jpeg",
            "llm.imagesPerRequest", "3");
    assertEquals(List.of(1, 2), s.levels());
    assertEquals(new VisionSettings(64, 32, NoiseImages.Format.JPEG, 3), s.vision().orElseThrow());
    assertEquals("vision-2", s.profile().id());
  }

  @Test
  void badValuesAreNamed() {
    IllegalArgumentException completions =
        assertThrows(
            IllegalArgumentException.class,
            () -> profiles("llm.profile", "vision-1", "llm.endpoint", "/v1/completions"));
    assertTrue(completions.getMessage().contains("llm.profile=vision-1 sends images in chat messages"),
        completions.getMessage());
    IllegalArgumentException width =
        assertThrows(IllegalArgumentException.class, () -> profiles("llm.profile", "vision-1", "llm.imageWidth", "9000"));
    assertTrue(width.getMessage().contains("'9000' for llm.imageWidth"), width.getMessage());
    IllegalArgumentException format =
        assertThrows(IllegalArgumentException.class, () -> profiles("llm.profile", "vision-2", "llm.imageFormat", "gif"));
    assertTrue(format.getMessage().contains("'gif' for llm.imageFormat"), format.getMessage());
    IllegalArgumentException profile =
        assertThrows(IllegalArgumentException.class, () -> profiles("llm.profile", "vision-3"));
    assertTrue(profile.getMessage().contains("vision-3"), profile.getMessage());
  }

  /** The vision-1 profile's image token setting with the given extra properties. */
  private static int imageTokens(String... pairs) {
    String[] all = new String[pairs.length + 2];
    all[0] = "llm.profile";
    all[1] = "vision-1";
    System.arraycopy(pairs, 0, all, 2, pairs.length);
    return profiles(all).vision().orElseThrow().imageTokens();
  }

  @Test
  void imageTokensDefaultToQwen2VlsCountForTheSizeAndCanBeSet() {
    assertEquals(326, imageTokens(), "512 x 512");
    assertEquals(46 * 26 + 2, imageTokens("llm.imageWidth", "1280", "llm.imageHeight", "720"));
    assertEquals(576, imageTokens("llm.imageTokens", "576"));
    assertEquals(0, imageTokens("llm.imageTokens", "0"), "0: images uncounted");
    assertTrue(profiles("llm.profile", "vision-1").vision().orElseThrow().toString().contains("326 prompt tokens"));
  }

  @Test
  void badImageTokensAreNamed() {
    for (String bad : List.of("-1", "many", "1.5")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class,
              () -> profiles("llm.profile", "vision-1", "llm.imageTokens", bad));
      assertEquals("Invalid value '" + bad + "' for llm.imageTokens: expected an integer >= 0", e.getMessage());
    }
    IllegalArgumentException record =
        assertThrows(IllegalArgumentException.class, () -> new VisionSettings(8, 8, NoiseImages.Format.PNG, 1, -2));
    assertTrue(record.getMessage().contains("for llm.imageTokens"), record.getMessage());
    IllegalArgumentException typo =
        assertThrows(IllegalArgumentException.class, () -> profiles("llm.profile", "vision-1", "llm.imageToken", "9"));
    assertTrue(typo.getMessage().contains("did you mean llm.imageTokens?"), typo.getMessage());
  }
}
