package io.github.gatlingllm.dataset;

import static io.github.gatlingllm.dataset.SequenceLimits.VLLM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gatlingllm.dataset.SequenceLimits.Verdict;
import org.junit.jupiter.api.Test;

class SequenceLimitsTest {

  @Test
  void vllmDefaults() {
    assertEquals(new SequenceLimits(4, 1024, 2048), VLLM);
  }

  @Test
  void boundariesAreInclusiveOfTheLimits() {
    assertEquals(Verdict.KEPT, VLLM.check(4, 4, false));
    assertEquals(Verdict.PROMPT_TOO_SHORT, VLLM.check(3, 100, false));
    assertEquals(Verdict.OUTPUT_TOO_SHORT, VLLM.check(100, 3, false));
    assertEquals(Verdict.KEPT, VLLM.check(1024, 1024, false));
    assertEquals(Verdict.PROMPT_TOO_LONG, VLLM.check(1025, 4, false));
    assertEquals(Verdict.TOTAL_TOO_LONG, VLLM.check(1024, 1025, false));
  }

  @Test
  void aFixedOutputLengthSkipsOnlyTheMinimumOutputCheck() {
    assertEquals(Verdict.KEPT, VLLM.check(100, 1, true));
    assertEquals(Verdict.PROMPT_TOO_SHORT, VLLM.check(3, 100, true));
    assertEquals(Verdict.TOTAL_TOO_LONG, VLLM.check(1000, 1049, true));
  }

  @Test
  void theFirstBrokenRuleIsReported() {
    assertEquals(Verdict.PROMPT_TOO_SHORT, VLLM.check(2, 2, false));
    assertEquals(Verdict.OUTPUT_TOO_SHORT, VLLM.check(2000, 2, false));
    assertEquals(Verdict.PROMPT_TOO_LONG, VLLM.check(2000, 2000, false));
  }
}
