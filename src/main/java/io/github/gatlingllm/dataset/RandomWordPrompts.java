package io.github.gatlingllm.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prompts of a fixed number of words drawn, with a seed, from a list of common English words: a stand-in for vLLM's
 * random dataset until tokenizer-exact random prompts are available. The same seed gives the same prompts.
 */
public final class RandomWordPrompts {
  private static final String[] WORDS = (
      "time year people way day man thing woman life child world school state family student group country problem "
          + "hand part place case week company system program question work government number night point home water "
          + "room mother area money story fact month lot right study book eye job word business issue side kind head "
          + "house service friend father power hour game line end member law car city community name president team "
          + "minute idea kid body information back parent face others level office door health person art war history "
          + "party result change morning reason research girl guy moment air teacher force education foot boy age "
          + "policy process music market sense nation plan college interest death experience effect use class control "
          + "care field development role effort rate heart drug show leader light voice wife police mind price report "
          + "decision son view relationship town road arm difference value building action model season society tax "
          + "director position player record paper space ground form event official matter center couple site project "
          + "activity star table need court oil situation cost industry figure street image phone data picture practice "
          + "piece land product doctor wall patient worker news test movie north love support technology step baby "
          + "computer type attention film tree source organization hair window evidence population truth river")
      .split(" ");

  private RandomWordPrompts() {}

  /** {@code count} prompts of exactly {@code words} words each. */
  public static List<String> generate(int count, int words, long seed) {
    if (count < 1 || words < 1) {
      throw new IllegalArgumentException("count and words must be >= 1, got " + count + " and " + words);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<String> prompts = new ArrayList<>(count);
    StringBuilder prompt = new StringBuilder(words * 8);
    for (int i = 0; i < count; i++) {
      prompt.setLength(0);
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          prompt.append(' ');
        }
        prompt.append(WORDS[random.nextInt(WORDS.length)]);
      }
      prompts.add(prompt.toString());
    }
    return prompts;
  }
}
