package io.github.gatlingllm.dataset;

/**
 * How a ShareGPT selection went. Entries are examined in the shuffled order until enough are kept, so the per-rule
 * counts cover the examined entries only (as in vLLM); an entry that breaks several rules counts under the first one
 * (prompt too short, output too short, prompt too long, total too long).
 *
 * @param entries entries in the file
 * @param underTwoTurns entries with fewer than 2 turns (or no {@code conversations}), skipped before shuffling
 * @param examined entries tokenized and checked
 * @param promptTooShort prompt under the minimum (4 tokens)
 * @param outputTooShort reference answer under the minimum (4 tokens; not checked with a fixed output length)
 * @param promptTooLong prompt over the maximum (1024 tokens)
 * @param totalTooLong prompt + output over the maximum (2048 tokens)
 * @param kept entries selected
 * @param oversampled extra requests drawn from the kept ones to reach the number asked for
 */
public record ShareGptCounts(
    int entries,
    int underTwoTurns,
    int examined,
    int promptTooShort,
    int outputTooShort,
    int promptTooLong,
    int totalTooLong,
    int kept,
    int oversampled) {

  /** Entries skipped by the length rules. */
  public int skippedByLength() {
    return promptTooShort + outputTooShort + promptTooLong + totalTooLong;
  }

  /** One line for the console, e.g. {@code sharegpt x.json: 30 entries, 4 with < 2 turns; 26 examined: ...}. */
  public String report(String file, SequenceLimits limits) {
    return "sharegpt "
        + file
        + ": "
        + entries
        + " entries, "
        + underTwoTurns
        + " with < 2 turns; "
        + examined
        + " examined: "
        + kept
        + " kept, skipped "
        + promptTooShort
        + " prompt < "
        + limits.minLen()
        + ", "
        + outputTooShort
        + " output < "
        + limits.minLen()
        + ", "
        + promptTooLong
        + " prompt > "
        + limits.maxPromptLen()
        + ", "
        + totalTooLong
        + " prompt+output > "
        + limits.maxTotalLen()
        + "; "
        + oversampled
        + " oversampled";
  }
}
