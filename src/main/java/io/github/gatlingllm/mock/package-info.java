/**
 * An embedded OpenAI-compatible streaming LLM server for load tests: {@link
 * io.github.gatlingllm.mock.MockLlmServer} (start it from code with a {@link io.github.gatlingllm.mock.MockConfig}),
 * or {@link io.github.gatlingllm.mock.MockServerMain} as a process.
 *
 * <h2>Wire behaviour (shaped like vLLM)</h2>
 *
 * <ul>
 *   <li>{@code GET /v1/models}, {@code GET /health}, {@code POST /v1/chat/completions}, {@code POST /v1/completions};
 *       other paths: 404, other methods: 405, bad bodies: 400, all with {@code {"error":{"message","type","param",
 *       "code"}}}.
 *   <li>Streaming ({@code "stream": true}): status and headers at once, then one SSE event per token in chunked
 *       encoding; chat starts with a {@code "role":"assistant"} chunk sent together with token 1; {@code
 *       finish_reason} ({@code "length"} when {@code max_tokens} was reached, else {@code "stop"}) rides on the last
 *       token; with {@code stream_options.include_usage} a final {@code "choices":[]} chunk carries {@code usage};
 *       then {@code data: [DONE]}.
 *   <li>Prompt tokens = whitespace-separated words of the prompt (at least 1); output tokens = {@code max_tokens}
 *       with {@code ignore_eos}, else a draw in [1, max_tokens] seeded by {@code seed} and the request's number.
 *       The text cycles through 16 common one-token English words.
 * </ul>
 *
 * <h2>Timing</h2>
 *
 * Each request is one self-rescheduling task on its connection's event loop, on an absolute schedule (see {@link
 * io.github.gatlingllm.mock.MockConfig} for the formulas). {@link io.github.gatlingllm.mock.MockLlmServer#timingStats()}
 * reports how late the server itself wrote tokens, so a benchmark can tell the mock's error from the client's; {@link
 * io.github.gatlingllm.mock.MockLlmServer#truth()} (also {@code GET /mock/stats}, reset by {@code POST
 * /mock/stats/reset}) reports the TTFT and ITL the server really produced, the reference of accuracy benchmarks.
 * With {@code batchSlots}, at most that many requests run and the others wait in one FIFO queue, which gives the mock
 * a capacity known in closed form ({@link io.github.gatlingllm.mock.MockCapacity}). Its prefix cache ({@link
 * io.github.gatlingllm.mock.PrefixBlockCache}) spares the prefill of prompt blocks seen before and reports them as
 * {@code usage.prompt_tokens_details.cached_tokens}.
 *
 * <h2>Faults</h2>
 *
 * See {@link io.github.gatlingllm.mock.FaultMode} for what each mode does on the wire; which requests fail is
 * decided by the {@code x-mock-fault} request header or by {@code faultEvery}/{@code faultOffset} (rules in the
 * javadoc of {@code FaultSelector} and in {@code MockServerMain --help}).
 */
package io.github.gatlingllm.mock;
