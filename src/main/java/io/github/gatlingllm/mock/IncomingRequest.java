package io.github.gatlingllm.mock;

/**
 * A generation request the mock received, parsed and validated: what the server needs to answer it. Not the client's
 * {@code api.GenerationRequest} (what a virtual user asks for, before any wire format): this one is read back from the
 * wire, with the server's view added (effective {@code max_tokens}, prompt tokens as counted here, the endpoint hit).
 *
 * @param model the model id echoed in every chunk
 * @param maxTokens the effective limit (max_completion_tokens, else max_tokens, else the configured default capped by
 *     what the context leaves)
 * @param promptTokens words of the prompt's text ({@link PromptTokenCounter}) plus its images' tokens ({@link
 *     ImageParts}): what {@code usage.prompt_tokens} reports and the context holds
 * @param images the {@code image_url} parts of a chat request's messages (each adds {@code ttftPerImageMs})
 * @param ignoreEos true: exactly {@code maxTokens} tokens; false: a seeded draw in [1, maxTokens]
 * @param promptBlocks the prompt's full blocks for the prefix cache ({@link PromptBlocks#NONE} when it is off)
 */
record IncomingRequest(
    Endpoint endpoint,
    String model,
    boolean stream,
    boolean includeUsage,
    boolean ignoreEos,
    int promptTokens,
    int images,
    int maxTokens,
    PromptBlocks promptBlocks) {}
