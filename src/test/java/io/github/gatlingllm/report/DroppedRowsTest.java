package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DroppedRowsTest {
  @Test
  void nothingDroppedIsZeroAndNoConsoleLine() {
    DroppedRows none = new DroppedRows().add("llm-requests.csv", 0).add("llm-requests.jsonl", 0);
    assertEquals(0, none.total());
    assertEquals("", none.consoleLine());
    assertEquals(Map.of(), none.byFile());
  }

  @Test
  void theTotalSumsTheFilesAndTheLineNamesEach() {
    DroppedRows dropped = new DroppedRows().add("llm-requests.csv", 12).add("llm-requests.jsonl", 3).add("x.csv", 0);
    assertEquals(15, dropped.total());
    assertEquals(
        "Per-request lines NOT written: 15 (llm-requests.csv 12, llm-requests.jsonl 3): those files are incomplete,"
            + " the summary still counts every request",
        dropped.consoleLine());
  }

  @Test
  void aNegativeCountIsRefusedWithTheFileNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DroppedRows().add("llm-requests.csv", -1));
    assertEquals("dropped lines of llm-requests.csv must be >= 0, got -1", e.getMessage());
  }
}
