package io.github.gatlingllm.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SGLang's {@code generated-shared-prefix} dataset ({@code bench_serving --dataset-name generated-shared-prefix}):
 * {@code groups} system prompts of {@code prefixLen} tokens, each followed by {@code promptsPerGroup} questions of
 * {@code questionLen} tokens, so that every prompt of a group shares its system prompt with the others, for
 * prefix-cache benchmarks. Prompts are {@link WordPool word tokens}, drawn from random sources keyed by the seed and
 * the group (system prompt) or the prompt (question): a prompt is exactly {@code prefixLen + questionLen} tokens by the
 * run's tokenizer, the special tokens it adds counted in the prefix, as {@link RandomDataset} counts them.
 *
 * <p>The count is always {@code groups * promptsPerGroup}: {@code llm.numPrompts} is not read, as SGLang derives the
 * count from the groups. Order {@code shuffled} (SGLang's) shuffles the prompts with the seed; {@code grouped} sends
 * each group's prompts together. Differences from SGLang: its text is random token ids decoded, ours whole words, and
 * its separator between the system prompt and the question is not reproduced (the question's words follow).
 */
public final class SharedPrefixDataset {
  private static final long PREFIX_DOMAIN = 3;
  private static final long QUESTION_DOMAIN = 4;
  private static final long ORDER_DOMAIN = 5;

  /** How the prompts are ordered. */
  public enum Order {
    SHUFFLED,
    GROUPED
  }

  /**
   * What to generate; SGLang's {@code bench_serving} defaults in {@link #defaults()}.
   *
   * @param groups system prompts ({@code llm.prefixGroups}, SGLang's {@code --gsp-num-groups}, default 64)
   * @param promptsPerGroup questions per system prompt ({@code llm.promptsPerGroup}, {@code --gsp-prompts-per-group},
   *     16)
   * @param prefixLen system prompt tokens ({@code llm.prefixLen}, {@code --gsp-system-prompt-len}, 2048)
   * @param questionLen question tokens ({@code llm.questionLen}, {@code --gsp-question-len}, 128)
   * @param outputLen {@code max_tokens} ({@code llm.prefixOutputLen}, {@code --gsp-output-len}, 256)
   * @param order {@code llm.prefixOrder}: {@code shuffled} (default) or {@code grouped}
   * @param seed seed of every draw
   */
  public record Settings(
      int groups, int promptsPerGroup, int prefixLen, int questionLen, int outputLen, Order order, long seed) {
    public Settings {
      positive("prefixGroups", groups, 1);
      positive("promptsPerGroup", promptsPerGroup, 1);
      positive("prefixLen", prefixLen, 0);
      positive("questionLen", questionLen, 1);
      positive("prefixOutputLen", outputLen, 1);
      if ((long) groups * promptsPerGroup > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "prefixGroups x promptsPerGroup is too large: " + groups + " x " + promptsPerGroup);
      }
    }

    private static void positive(String name, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
      }
    }

    /** SGLang's defaults: 64 groups of 16 prompts, 2048-token system prompts, 128-token questions, 256 out. */
    public static Settings defaults() {
      return new Settings(64, 16, 2048, 128, 256, Order.SHUFFLED, 0L);
    }
  }

  private SharedPrefixDataset() {}

  /** The {@code groups * promptsPerGroup} prompts, in the settings' order. */
  public static LoadedDataset generate(TextTokenizer tokenizer, Settings settings) {
    WordPool pool = WordPool.of(tokenizer);
    int special = tokenizer.specialTokenCount();
    int prefixWords = Math.max(0, settings.prefixLen() - special);
    int count = settings.groups() * settings.promptsPerGroup();
    String[] prefixes = new String[settings.groups()];
    for (int g = 0; g < prefixes.length; g++) {
      StringBuilder prefix = new StringBuilder(prefixWords * 8);
      pool.append(prefix, WordPool.random(settings.seed(), PREFIX_DOMAIN, g), prefixWords);
      prefixes[g] = prefix.toString();
    }
    DatasetRequest[] grouped = new DatasetRequest[count];
    ParallelTokenCounter.forEach(count, i -> {
      StringBuilder prompt = new StringBuilder(prefixes[i / settings.promptsPerGroup()]);
      pool.append(prompt, WordPool.random(settings.seed(), QUESTION_DOMAIN, i), settings.questionLen());
      grouped[i] = DatasetRequest.counted(prompt.toString(), tokenizer, settings.outputLen());
    });
    List<DatasetRequest> requests = new ArrayList<>(Arrays.asList(grouped));
    if (settings.order() == Order.SHUFFLED) {
      shuffle(requests, WordPool.random(settings.seed(), ORDER_DOMAIN, 0));
    }
    int target = Math.max(settings.prefixLen(), special) + settings.questionLen();
    long inexact = requests.stream().filter(r -> r.promptTokens() != target).count();
    List<String> notes =
        inexact == 0
            ? List.of()
            : List.of(inexact + " prompts are not of " + target + " tokens by tokenizer '" + tokenizer.id() + "'");
    String report =
        "shared-prefix: " + settings.groups() + " groups x " + settings.promptsPerGroup() + " prompts = " + count
            + " requests of " + settings.prefixLen() + " shared + " + settings.questionLen() + " own tokens, "
            + settings.outputLen() + " out, " + settings.order().name().toLowerCase(java.util.Locale.ROOT);
    return new LoadedDataset(requests, report, notes);
  }

  /** Fisher-Yates with the given source: the same seed gives the same order. */
  private static void shuffle(List<DatasetRequest> requests, SplittableRandom random) {
    for (int i = requests.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      DatasetRequest swap = requests.get(i);
      requests.set(i, requests.get(j));
      requests.set(j, swap);
    }
  }
}
