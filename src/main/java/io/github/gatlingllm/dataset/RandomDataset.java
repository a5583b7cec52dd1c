package io.github.gatlingllm.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vLLM's {@code random} dataset: prompts of token ids taken in sequence from the vocabulary, of exact token counts.
 *
 * <p>As in vLLM: the input length of each request is a uniform integer in {@code [floor(L'(1-r)), ceil(L'(1+r))]}
 * where {@code L'} is {@code inputLen} minus the special tokens the tokenizer adds (so a prompt of {@code L'} body
 * tokens is {@code inputLen} tokens on the server) and {@code r} the range ratio; the output length likewise in
 * {@code [max(1, floor(O(1-r))), max(1, ceil(O(1+r)))]}. Request {@code i} takes the ids
 * {@code ids[(offset_i + i + j) % ids.length]} for {@code j < length_i}, from the tokenizer's
 * {@linkplain TextTokenizer#sampleableIds() sampleable ids} (special tokens excluded) and a random offset, after a
 * prefix of {@code prefixLen} random ids shared by all requests. The ids are decoded to text, and the text re-encoded
 * and cut or padded (with random ids) until it re-encodes to exactly the target, at most {@value #MAX_RETRIES} times
 * (vLLM's {@code gen_prompt_decode_to_target_len}); after that the closest text is kept with its real count.
 *
 * <p>Differences from vLLM: the draws come from Java's {@link SplittableRandom}, so a seed gives other prompts than
 * numpy's generator with the same seed, from the same distributions; offsets are drawn over the sampleable ids
 * rather than over the base vocabulary (the same positions modulo the pool); padding ids come from the sampleable
 * ids rather than the whole base vocabulary; when no attempt is exact, the closest is kept where vLLM keeps the last. {@link DatasetRequest#promptTokens()} is the count of the final text
 * <em>with</em> the special tokens the server adds, where vLLM records the body count (the same for tokenizers that
 * add none, such as Qwen's; one more with a BOS token).
 *
 * <p>Prompts are built and tokenized here, when the dataset is prepared: never call this on an event loop.
 */
public final class RandomDataset {
  /** Decode/re-encode corrections tried before a prompt's count is accepted as it is (vLLM's {@code max_retry}). */
  public static final int MAX_RETRIES = 10;

  private static final Logger LOGGER = LoggerFactory.getLogger(RandomDataset.class);

  /**
   * What to generate.
   *
   * @param inputLen prompt tokens, special tokens included ({@code randomInputLen}, vLLM default 1024)
   * @param outputLen max tokens to ask for ({@code randomOutputLen}, default 128)
   * @param rangeRatio spread of both lengths around their value, in [0, 1) ({@code randomRangeRatio}, default 0)
   * @param prefixLen tokens of a random prefix shared by every prompt, on top of the input length
   *     ({@code randomPrefixLen}, default 0)
   * @param seed seed of every random draw
   */
  public record Settings(int inputLen, int outputLen, double rangeRatio, int prefixLen, long seed) {
    public Settings {
      if (!(rangeRatio >= 0.0 && rangeRatio < 1.0)) {
        throw new IllegalArgumentException("randomRangeRatio must be in [0, 1), got " + rangeRatio);
      }
      if (inputLen < 0) {
        throw new IllegalArgumentException("randomInputLen must be >= 0, got " + inputLen);
      }
      if (outputLen < 1) {
        throw new IllegalArgumentException("randomOutputLen must be >= 1, got " + outputLen);
      }
      if (prefixLen < 0) {
        throw new IllegalArgumentException("randomPrefixLen must be >= 0, got " + prefixLen);
      }
    }

    /** vLLM's defaults: 1024 input tokens, 128 output tokens, ratio 0, no prefix, seed 0. */
    public static Settings defaults() {
      return new Settings(1024, 128, 0.0, 0, 0L);
    }
  }

  /**
   * The generated requests and how many of them missed their target count once the corrections ran out.
   *
   * @param requests the requests, in order
   * @param correctedPrompts prompts whose ids had to be cut or padded at least once
   * @param inexactPrompts prompts whose count still differs from their target
   * @param tokenMismatch sum over all prompts of real minus target tokens
   */
  public record Result(List<DatasetRequest> requests, int correctedPrompts, int inexactPrompts, long tokenMismatch) {
    public Result {
      requests = List.copyOf(requests);
    }
  }

  private RandomDataset() {}

  /** {@code numRequests} requests as described in the class comment. */
  public static List<DatasetRequest> sample(TextTokenizer tokenizer, int numRequests, Settings settings) {
    return generate(tokenizer, numRequests, settings).requests();
  }

  /** As {@link #sample}, with the count of prompts whose length could not be made exact. */
  public static Result generate(TextTokenizer tokenizer, int numRequests, Settings settings) {
    if (numRequests < 0) {
      throw new IllegalArgumentException("numPrompts must be >= 0, got " + numRequests);
    }
    int special = tokenizer.specialTokenCount();
    LengthRange input = LengthRange.around(Math.max(0, settings.inputLen() - special), settings.rangeRatio(), 0);
    LengthRange output = LengthRange.around(settings.outputLen(), settings.rangeRatio(), 1);
    if (settings.prefixLen() + input.low() < 1) {
      throw new IllegalArgumentException("randomInputLen " + settings.inputLen() + " is too small: with "
          + special + " special token(s) added by tokenizer '" + tokenizer.id() + "' and randomRangeRatio "
          + settings.rangeRatio() + ", a prompt could have no token; raise randomInputLen or randomPrefixLen");
    }
    int[] pool = tokenizer.sampleableIds();
    if (pool.length == 0) {
      throw new IllegalArgumentException("Tokenizer '" + tokenizer.id() + "' has no non-special token to sample");
    }

    SplittableRandom random = new SplittableRandom(settings.seed());
    int[] inputLens = input.draw(random, numRequests);
    int[] outputLens = output.draw(random, numRequests);
    int[] offsets = new int[numRequests];
    for (int i = 0; i < numRequests; i++) {
      offsets[i] = random.nextInt(pool.length);
    }
    int[] prefix = new int[settings.prefixLen()];
    for (int j = 0; j < prefix.length; j++) {
      prefix[j] = pool[random.nextInt(pool.length)];
    }

    TargetLengthFitter fitter = new TargetLengthFitter(tokenizer, pool, random, MAX_RETRIES);
    List<DatasetRequest> requests = new ArrayList<>(numRequests);
    int corrected = 0;
    int inexact = 0;
    long mismatch = 0;
    for (int i = 0; i < numRequests; i++) {
      int[] ids = sequence(prefix, pool, offsets[i] + (long) i, inputLens[i]);
      TargetLengthFitter.Fit fit = fitter.fit(ids, ids.length);
      if (fit.corrections() > 0) {
        corrected++;
      }
      if (fit.mismatch() != 0) {
        inexact++;
        mismatch += fit.mismatch();
      }
      requests.add(new DatasetRequest(fit.text(), tokenizer.count(fit.text()), outputLens[i]));
    }
    if (inexact > 0) {
      LOGGER.warn("random dataset: {} of {} prompts kept a token count off their target after {} corrections "
          + "({} tokens {} in all); vLLM has the same imperfection", inexact, numRequests, MAX_RETRIES,
          Math.abs(mismatch), mismatch > 0 ? "more" : "fewer");
    }
    return new Result(requests, corrected, inexact, mismatch);
  }

  /** The prefix, then {@code length} ids of the pool in sequence from {@code start} (wrapping around). */
  private static int[] sequence(int[] prefix, int[] pool, long start, int length) {
    int[] ids = new int[prefix.length + length];
    System.arraycopy(prefix, 0, ids, 0, prefix.length);
    for (int j = 0; j < length; j++) {
      ids[prefix.length + j] = pool[(int) ((start + j) % pool.length)];
    }
    return ids;
  }

  /** An inclusive range of lengths around a value: floor below, ceiling above, never under {@code min}. */
  record LengthRange(int low, int high) {
    static LengthRange around(int value, double ratio, int min) {
      int low = Math.max(min, (int) Math.floor(value * (1.0 - ratio)));
      int high = Math.max(min, (int) Math.ceil(value * (1.0 + ratio)));
      return new LengthRange(low, high);
    }

    int[] draw(SplittableRandom random, int count) {
      int[] values = new int[count];
      for (int i = 0; i < count; i++) {
        values[i] = random.nextInt(low, high + 1);
      }
      return values;
    }
  }
}
