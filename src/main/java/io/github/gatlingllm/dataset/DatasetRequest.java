package io.github.gatlingllm.dataset;

/**
 * One prepared request of a dataset, like vLLM's {@code SampleRequest}: the prompt text, its token count with the
 * benchmark's tokenizer, and the output length the request asks for ({@code max_tokens}).
 *
 * @param prompt the prompt text sent to the server
 * @param promptTokens tokens of {@code prompt}, special tokens included (vLLM's {@code prompt_len})
 * @param expectedOutputTokens the output length requested (vLLM's {@code expected_output_len})
 */
public record DatasetRequest(String prompt, int promptTokens, int expectedOutputTokens) {}
