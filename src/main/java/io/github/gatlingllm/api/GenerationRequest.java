package io.github.gatlingllm.api;

import java.util.List;
import java.util.Map;

/**
 * What to ask the server for, independent of the wire format. Built per request from the virtual user's session.
 *
 * @param model the model name sent in the request
 * @param prompt the prompt text (completions; for chat it becomes one user message when {@code messages} is null)
 * @param messages chat messages ({@code role}, {@code content} ...), or null
 * @param maxTokens {@code max_tokens}, or null to let the server decide
 * @param ignoreEos {@code ignore_eos} (vLLM extension), or null to omit
 * @param temperature {@code temperature}, or null to omit
 * @param extraBody further top-level body fields, merged last (they win over the fields above), or null
 */
public record GenerationRequest(
    String model,
    String prompt,
    List<Map<String, Object>> messages,
    Integer maxTokens,
    Boolean ignoreEos,
    Double temperature,
    Map<String, Object> extraBody) {}
