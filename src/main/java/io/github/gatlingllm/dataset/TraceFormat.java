package io.github.gatlingllm.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The trace formats {@link TraceFile} reads ({@code llm.traceFormat}). Field names as their publishers describe them:
 *
 * <ul>
 *   <li>{@link #MOONCAKE}: JSON lines {@code {"timestamp": 27482, "input_length": 6955, "output_length": 52,
 *       "hash_ids": [46, 47, ...]}}, the timestamp in ms from the first request, one hash id per block of 512 tokens
 *       (the prefix-sharing structure); described in the README of kvcache-ai/Mooncake ("Open Source Trace",
 *       {@code FAST25-release/traces}) and, with the block size, in ai-dynamo's {@code benchmarks/data_generator}
 *       README and AIPerf's {@code docs/benchmark_modes/trace_replay.md}.
 *   <li>{@link #AZURE}: CSV with the header {@code TIMESTAMP,ContextTokens,GeneratedTokens}, the timestamp a date and
 *       time ({@code 2023-11-16 18:15:46.6805900} in 2023, with an offset such as {@code +00:00} in 2024); the Azure
 *       LLM inference traces 2023 and 2024 of Azure/AzurePublicDataset ({@code AzureLLMInferenceDataset2023.md},
 *       {@code AzureLLMInferenceDataset2024.md}). No prompt sharing is recorded.
 *   <li>{@link #BURSTGPT}: CSV with the header {@code Timestamp,Model,Request tokens,Response tokens,Total tokens,Log
 *       Type}, the timestamp in seconds from the start of the first day; HPMLL/BurstGPT's README ("Schema"). Rows
 *       with 0 {@code Response tokens} are the failed requests the README mentions ({@code BurstGPT_without_fails_*}
 *       drop them): they are skipped here too, with a note, as vLLM's BurstGPT loader does. {@code Model} and {@code
 *       Log Type} are not used.
 *   <li>{@link #JSONL}: our own JSON lines: {@code timestamp} in ms, then either {@code prompt} (sent as written) or
 *       {@code input_length} (a prompt is generated); {@code output_length} optional (else {@code
 *       llm.customOutputLen}); {@code hash_ids} optional, as Mooncake's.
 * </ul>
 */
public enum TraceFormat {
  MOONCAKE("one JSON object per line with \"timestamp\" (ms), \"input_length\", \"output_length\" and \"hash_ids\" "
      + "(Mooncake's trace format)"),
  AZURE("a CSV with the header TIMESTAMP,ContextTokens,GeneratedTokens (Azure LLM inference trace 2023/2024)"),
  BURSTGPT("a CSV with the header Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type (BurstGPT)"),
  JSONL("one JSON object per line with \"timestamp\" (ms), then \"prompt\" or \"input_length\", optional "
      + "\"output_length\" and \"hash_ids\"");

  private final String expected;

  TraceFormat(String expected) {
    this.expected = expected;
  }

  /** The name {@code llm.traceFormat} takes. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What a file of this format holds, for error messages. */
  public String expected() {
    return expected;
  }

  /** Every {@link #id()}. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(TraceFormat::id).toList();
  }

  /** The format named {@code id} (as {@link #id()}). */
  public static TraceFormat byId(String id) {
    return Arrays.stream(values())
        .filter(format -> format.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "Unknown trace format '" + id + "': expected one of " + String.join(", ", ids())));
  }
}
