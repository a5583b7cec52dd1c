package io.github.gatlingllm.mock;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;

/**
 * Reads and validates a chat, completions, TGI {@code /generate_stream} or LLM-on-Ray simple-mode request body; anything unusable becomes a {@link MockHttpException}
 * with vLLM's status (400, or 404 for an unknown model when the model check is strict).
 */
final class IncomingRequestParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockConfig config;

  IncomingRequestParser(MockConfig config) {
    this.config = config;
  }

  IncomingRequest parse(Endpoint endpoint, ByteBuf body) {
    JsonNode root = readJson(body);
    if (endpoint == Endpoint.TGI_STREAM) {
      return parseSingleText(endpoint, root, "inputs", "parameters");
    }
    if (endpoint == Endpoint.LLM_ON_RAY_SIMPLE) {
      return parseSingleText(endpoint, root, "text", "config");
    }
    String model = model(root);
    int textTokens = promptTokens(endpoint, root); // first: it checks the prompt or messages are there
    ImageParts.Load images = endpoint == Endpoint.CHAT ? ImageParts.count(root.get("messages")) : ImageParts.Load.NONE;
    // image tokens fill the context and are reported in usage, as a vision server's are
    int promptTokens = textTokens + images.tokens();
    int maxTokens = maxTokens(root, promptTokens);
    boolean stream = bool(root, "stream");
    boolean includeUsage =
        stream && config.answers().streamUsage() && root.path("stream_options").path("include_usage").asBoolean(false);
    return new IncomingRequest(
        endpoint,
        model,
        stream,
        includeUsage,
        bool(root, "ignore_eos"),
        promptTokens,
        images.images(),
        maxTokens,
        endpoint == Endpoint.CHAT ? blocks(root.get("messages"), true) : blocks(root.get("prompt"), false));
  }

  private static JsonNode readJson(ByteBuf body) {
    JsonNode root;
    try {
      root = JSON.readTree(new ByteBufInputStream(body.duplicate()));
    } catch (JacksonException e) {
      throw MockHttpException.badRequest("Invalid JSON body: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw MockHttpException.badRequest("Unreadable body: " + e.getMessage(), null);
    }
    if (root == null || !root.isObject()) {
      throw MockHttpException.badRequest("The request body must be a JSON object", null);
    }
    return root;
  }

  /**
   * The native APIs that take one text and an options object: TGI ({@code inputs}, {@code parameters}) and LLM-on-Ray's
   * simple mode ({@code text}, {@code config}), both with {@code max_new_tokens} as the limit. Both serve one model
   * per route (no {@code model} field) and are always streamed here. TGI's final event always carries the token
   * counts; LLM-on-Ray's raw text carries none, and only it knows {@code ignore_eos}.
   */
  private IncomingRequest parseSingleText(Endpoint endpoint, JsonNode root, String textField, String optionsField) {
    JsonNode text = root.get(textField);
    if (text == null || !text.isTextual()) {
      throw MockHttpException.badRequest("Field '" + textField + "' is required and must be a string", textField);
    }
    JsonNode options = root.path(optionsField);
    if (!options.isMissingNode() && !options.isNull() && !options.isObject()) {
      throw MockHttpException.badRequest("Field '" + optionsField + "' must be an object", optionsField);
    }
    JsonNode optionsObject = options.isObject() ? options : JSON.createObjectNode();
    int promptTokens = PromptTokenCounter.completionPrompt(text);
    int maxTokens = maxTokens(optionsObject, promptTokens, "max_new_tokens");
    boolean tgi = endpoint == Endpoint.TGI_STREAM;
    boolean ignoreEos = !tgi && bool(optionsObject, "ignore_eos");
    return new IncomingRequest(
        endpoint, config.served().model(), true, tgi, ignoreEos, promptTokens, 0, maxTokens, blocks(text, false));
  }

  /**
   * The prompt's blocks for the prefix cache, hashed only when the cache is on (it costs a second walk of the text).
   * TGI and LLM-on-Ray prompts take part too: the cache is the server's, whatever the API; only their answers do not
   * report it.
   */
  private PromptBlocks blocks(JsonNode prompt, boolean chat) {
    MockConfig.PrefixCache cache = config.prefixCache();
    if (cache.blocks() == 0) {
      return PromptBlocks.NONE;
    }
    return chat ? PromptBlocks.chat(prompt, cache.blockTokens()) : PromptBlocks.completion(prompt, cache.blockTokens());
  }

  private String model(JsonNode root) {
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual() || model.textValue().isBlank()) {
      throw MockHttpException.badRequest("Field 'model' is required and must be a non-empty string", "model");
    }
    String name = model.textValue();
    if (config.served().strictModel() && !name.equals(config.served().model())) {
      throw new MockHttpException(404, "The model `" + name + "` does not exist.", "model");
    }
    return name;
  }

  private static int promptTokens(Endpoint endpoint, JsonNode root) {
    if (endpoint == Endpoint.CHAT) {
      JsonNode messages = root.get("messages");
      if (messages == null || !messages.isArray() || messages.isEmpty()) {
        throw MockHttpException.badRequest("Field 'messages' is required and must be a non-empty array", "messages");
      }
      return PromptTokenCounter.chatMessages(messages);
    }
    JsonNode prompt = root.get("prompt");
    if (prompt == null || !(prompt.isTextual() || prompt.isArray())) {
      throw MockHttpException.badRequest(
          "Field 'prompt' is required and must be a string or an array", "prompt");
    }
    return PromptTokenCounter.completionPrompt(prompt);
  }

  private int maxTokens(JsonNode root, int promptTokens) {
    String field = root.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    return maxTokens(root, promptTokens, field);
  }

  private int maxTokens(JsonNode root, int promptTokens, String field) {
    int room = config.served().maxModelLen() - promptTokens;
    if (room < 1) {
      throw MockHttpException.badRequest(
          "This model's maximum context length is " + config.served().maxModelLen() + " tokens, but the prompt has "
              + promptTokens + " tokens and leaves no room for output.",
          "messages");
    }
    JsonNode requested = root.get(field);
    if (requested == null || requested.isNull()) {
      return Math.min(config.answers().defaultMaxTokens(), room);
    }
    if (!requested.canConvertToInt() || !requested.isIntegralNumber() || requested.intValue() < 1) {
      throw MockHttpException.badRequest("Field '" + field + "' must be an integer >= 1, got " + requested, field);
    }
    int maxTokens = requested.intValue();
    if (maxTokens > room) {
      throw MockHttpException.badRequest(
          "This model's maximum context length is " + config.served().maxModelLen() + " tokens. However, you requested "
              + ((long) promptTokens + maxTokens) + " tokens (" + promptTokens + " in the prompt, " + maxTokens
              + " in the completion). Please reduce the length of the prompt or completion.",
          field);
    }
    return maxTokens;
  }

  private static boolean bool(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw MockHttpException.badRequest("Field '" + field + "' must be a boolean, got " + value, field);
    }
    return value.booleanValue();
  }
}
