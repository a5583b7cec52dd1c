package io.github.gatlingllm.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * vLLM's ShareGPT dataset ({@code vllm bench serve --dataset-name sharegpt}), read from a ShareGPT JSON file of any
 * size:
 *
 * <ol>
 *   <li>entries with fewer than 2 turns are dropped; the rest are shuffled with the seed exactly as Python's
 *       {@code random.seed(seed); random.shuffle(data)} does ({@link PythonRandom});
 *   <li>in that order, turn 0 (prompt) and turn 1 (reference answer) are tokenized; the output length is the answer's
 *       token count, or the fixed length when given ({@code --sharegpt-output-len});
 *   <li>{@link SequenceLimits#check vLLM's length rules} drop an entry, silently but counted;
 *   <li>the first {@code numPrompts} kept entries are the requests; when fewer pass, the rest are drawn from them with
 *       {@code random.seed(seed); random.choice(...)} (vLLM's {@code maybe_oversample_requests}), with a note.
 * </ol>
 *
 * Given the same tokenizer counts, the selection and its order are vLLM's. The file is streamed (Jackson's streaming
 * parser, never the whole tree): one pass counts the turns of every entry, then each batch of candidates in shuffled
 * order is fetched in another pass and tokenized on all processors; a batch is sized from the pass rate seen so far,
 * so usually one or two fetch passes suffice.
 */
public final class ShareGptDataset {
  private static final double FIRST_PASS_RATE_GUESS = 0.6;

  private ShareGptDataset() {}

  /** {@code numPrompts} requests with vLLM's default limits; {@code fixedOutputLen} empty = the answers' lengths. */
  public static ShareGptSelection sample(
      Path file, TextTokenizer tokenizer, int numPrompts, long seed, OptionalInt fixedOutputLen) {
    return sample(file, tokenizer, numPrompts, seed, fixedOutputLen, SequenceLimits.VLLM);
  }

  public static ShareGptSelection sample(
      Path file,
      TextTokenizer tokenizer,
      int numPrompts,
      long seed,
      OptionalInt fixedOutputLen,
      SequenceLimits limits) {
    if (numPrompts < 1) {
      throw new IllegalArgumentException("numPrompts must be >= 1, got " + numPrompts);
    }
    if (fixedOutputLen.isPresent() && fixedOutputLen.getAsInt() < 1) {
      throw new IllegalArgumentException("the fixed output length must be >= 1, got " + fixedOutputLen.getAsInt());
    }
    ShareGptFile source = new ShareGptFile(file);
    ShareGptFile.Index index = source.index();
    if (index.usable().length == 0) {
      throw new DatasetException(
          file + ": none of the " + index.entries() + " entries has at least 2 turns in 'conversations'");
    }
    int[] order = index.usable().clone();
    new PythonRandom(seed).shuffle(order);

    int[] verdicts = new int[SequenceLimits.Verdict.values().length];
    List<DatasetRequest> kept = new ArrayList<>(Math.min(numPrompts, order.length));
    int examined = 0;
    int next = 0;
    while (kept.size() < numPrompts && next < order.length) {
      int size = batchSize(numPrompts - kept.size(), examined, kept.size(), order.length - next);
      int[] batch = Arrays.copyOfRange(order, next, next + size);
      next += size;
      List<Candidate> candidates = tokenize(source.firstTurns(batch), tokenizer, fixedOutputLen);
      for (Candidate candidate : candidates) {
        if (kept.size() == numPrompts) {
          break;
        }
        examined++;
        SequenceLimits.Verdict verdict =
            limits.check(candidate.promptTokens(), candidate.outputTokens(), fixedOutputLen.isPresent());
        verdicts[verdict.ordinal()]++;
        if (verdict == SequenceLimits.Verdict.KEPT) {
          kept.add(new DatasetRequest(candidate.prompt(), candidate.promptTokens(), candidate.outputTokens()));
        }
      }
    }
    if (kept.isEmpty()) {
      throw new DatasetException(
          file + ": no conversation passed the length rules (" + examined + " examined, limits " + limits + ")");
    }
    int found = kept.size();
    List<String> notes = new ArrayList<>();
    if (found < numPrompts) {
      PythonRandom random = new PythonRandom(seed);
      List<DatasetRequest> pool = List.copyOf(kept);
      for (int i = found; i < numPrompts; i++) {
        kept.add(random.choice(pool));
      }
      notes.add(
          "only "
              + found
              + " of the "
              + numPrompts
              + " prompts asked for pass the rules; "
              + (numPrompts - found)
              + " more are repeats drawn from them with seed "
              + seed
              + ", as vLLM oversamples");
    }
    ShareGptCounts counts =
        new ShareGptCounts(
            index.entries(),
            index.entries() - index.usable().length,
            examined,
            verdicts[SequenceLimits.Verdict.PROMPT_TOO_SHORT.ordinal()],
            verdicts[SequenceLimits.Verdict.OUTPUT_TOO_SHORT.ordinal()],
            verdicts[SequenceLimits.Verdict.PROMPT_TOO_LONG.ordinal()],
            verdicts[SequenceLimits.Verdict.TOTAL_TOO_LONG.ordinal()],
            found,
            numPrompts - found);
    return new ShareGptSelection(kept, counts, counts.report(file.toString(), limits), notes);
  }

  private record Candidate(String prompt, int promptTokens, int outputTokens) {}

  /** Token counts of each entry's prompt and (unless the output length is fixed) answer, on all processors. */
  private static List<Candidate> tokenize(
      ShareGptFile.FirstTurns[] turns, TextTokenizer tokenizer, OptionalInt fixedOutputLen) {
    List<String> texts = new ArrayList<>(turns.length * 2);
    for (ShareGptFile.FirstTurns entry : turns) {
      texts.add(entry.prompt());
      if (fixedOutputLen.isEmpty()) {
        texts.add(entry.answer());
      }
    }
    int[] counts = ParallelTokenCounter.count(tokenizer, texts);
    int stride = fixedOutputLen.isEmpty() ? 2 : 1;
    List<Candidate> candidates = new ArrayList<>(turns.length);
    for (int i = 0; i < turns.length; i++) {
      int output = fixedOutputLen.isEmpty() ? counts[i * stride + 1] : fixedOutputLen.getAsInt();
      candidates.add(new Candidate(turns[i].prompt(), counts[i * stride], output));
    }
    return candidates;
  }

  /** Candidates to fetch next: enough to keep {@code needed} more at the pass rate seen so far, plus a margin. */
  static int batchSize(int needed, int examined, int kept, int remaining) {
    double rate = examined == 0 ? FIRST_PASS_RATE_GUESS : Math.max(0.05, (double) kept / examined);
    long size = (long) Math.ceil(needed / rate * 1.1) + 16;
    return (int) Math.min(size, remaining);
  }
}
