package io.github.gatlingllm.api;

import java.util.List;

/** Hand-written events: what servers really send, and what broken ones or fault injection make of it. */
final class EventCorpus {
  private EventCorpus() {}

  static final List<String> REALISTIC =
      List.of(
          // vLLM chat: role chunk, content chunks, reasoning, tool calls, usage-only chunk
          "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,"
              + "\"model\":\"Qwen/Qwen3-8B\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
              + "\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}",
          "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,"
              + "\"model\":\"Qwen/Qwen3-8B\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the\"},"
              + "\"logprobs\":null,\"finish_reason\":null}]}",
          "{\"id\":\"chatcmpl-123\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\\u00e9 \\\"x\\\"\\n\\t"
              + "\\ud83d\\ude00 \u4e2d\u6587 \ud83d\ude80\"},\"finish_reason\":null}]}",
          "{\"id\":\"chatcmpl-123\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Let me think\","
              + "\"content\":null},\"finish_reason\":null}]}",
          "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
              + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}]},"
              + "\"finish_reason\":null}]}",
          "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"m\","
              + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"total_tokens\":76,\"completion_tokens\":64,"
              + "\"prompt_tokens_details\":null,\"completion_tokens_details\":{\"reasoning_tokens\":40}}}",
          // vLLM completions
          "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1732000000,\"model\":\"m\","
              + "\"choices\":[{\"index\":0,\"text\":\" the\",\"logprobs\":null,\"finish_reason\":null,"
              + "\"stop_reason\":null}],\"usage\":null}",
          // SGLang: usage with floats elsewhere, reasoning field
          "{\"id\":\"a1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"default\","
              + "\"choices\":[{\"index\":0,\"delta\":{\"role\":null,\"content\":\"Hi\",\"reasoning_content\":null,"
              + "\"tool_calls\":null},\"logprobs\":null,\"finish_reason\":null,\"matched_stop\":null}],"
              + "\"usage\":null}",
          "{\"id\":\"a1\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"total_tokens\":9,\"completion_tokens\":2,"
              + "\"prompt_tokens_details\":null,\"reasoning_tokens\":0}}",
          // llama.cpp: usage inside the last chunk, timings object, OpenRouter-style reasoning
          "{\"choices\":[{\"finish_reason\":\"length\",\"index\":0,\"delta\":{}}],\"created\":1732000000,"
              + "\"id\":\"chatcmpl-x\",\"model\":\"gpt-3.5-turbo\",\"system_fingerprint\":\"b4000\","
              + "\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":16,\"prompt_tokens\":5,"
              + "\"total_tokens\":21},\"timings\":{\"prompt_n\":5,\"prompt_ms\":12.5,\"predicted_n\":16,"
              + "\"predicted_per_second\":80.52,\"cache_n\":0}}",
          // llama.cpp with prompt_tokens_details beside timings.cache_n (usage wins), then timings alone (older)
          "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"timings\":{\"cache_n\":236,"
              + "\"prompt_n\":1,\"prompt_ms\":30.958},\"usage\":{\"completion_tokens\":35,\"prompt_tokens\":237,"
              + "\"total_tokens\":272,\"prompt_tokens_details\":{\"cached_tokens\":230}}}",
          "{\"choices\":[],\"timings\":{\"cache_n\":236,\"prompt_n\":1,\"predicted_n\":35}}",
          // vLLM --enable-prompt-tokens-details, SGLang --enable-cache-report (null members)
          "{\"id\":\"cmpl-2\",\"choices\":[],\"usage\":{\"prompt_tokens\":512,\"total_tokens\":520,"
              + "\"completion_tokens\":8,\"prompt_tokens_details\":{\"cached_tokens\":496}}}",
          "{\"id\":\"a2\",\"choices\":[],\"usage\":{\"prompt_tokens\":516,\"completion_tokens\":4,"
              + "\"prompt_tokens_details\":{\"audio_tokens\":null,\"cached_tokens\":512}}}",
          "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"reasoning\":\" think\"}}]}",
          " {\r\n \"choices\" : [ { \"text\" : \"\\u0000\" } ] , \"usage\" : { \"prompt_tokens\" : -0 } }\r\n",
          // Ollama OpenAI compatibility
          "{\"id\":\"chatcmpl-95\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"llama3\","
              + "\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
              + "\"content\":\"Hello\"},\"finish_reason\":null}]}",
          // errors
          "{\"error\":{\"message\":\"out of memory\",\"type\":\"InternalServerError\",\"param\":null,\"code\":500}}",
          "{\"error\":\"plain text \\u00e9\"}",
          "{\"error\":{\"code\":500}}",
          "{\"error\":null}",
          "{\"error\":[1,2]}",
          "{\"object\":\"error\",\"message\":\"" + "long ".repeat(100) + "\",\"error\":{\"message\":\""
              + "x".repeat(300) + "\"}}",
          // TGI
          "{\"index\":1,\"token\":{\"id\":1234,\"text\":\" the\",\"logprob\":-0.25,\"special\":false},"
              + "\"generated_text\":null,\"details\":null}",
          "{\"index\":64,\"token\":{\"id\":2,\"text\":\"</s>\",\"logprob\":-0.01,\"special\":true},"
              + "\"generated_text\":\"Hello world\",\"details\":{\"finish_reason\":\"eos_token\","
              + "\"generated_tokens\":64,\"seed\":null,\"input_length\":12}}",
          "{\"token\":{\"id\":3,\"text\":\"\",\"logprob\":-1e-3,\"special\":false},\"generated_text\":\"x\","
              + "\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":16,\"seed\":42,"
              + "\"prefill\":[{\"id\":1,\"text\":\"<s>\",\"logprob\":null},{\"id\":5,\"text\":\"Hi\",\"logprob\":-2.5}],"
              + "\"tokens\":[]}}",
          "{\"token\":{\"id\":3,\"text\":\"a\"},\"details\":{\"prefill\":[],\"generated_tokens\":1.0,"
              + "\"input_length\":3E2}}",
          "{\"error\":\"Request failed during generation: Server error: CUDA out of memory\","
              + "\"error_type\":\"generation\"}",
          "{\"error\":{\"x\":1},\"error_type\":\"generation\"}",
          // names with escapes are the names they decode to
          "{\"ch\\u006fices\":[{\"delt\\u0061\":{\"cont\\u0065nt\":\"esc\"}}],\"\\u0074oken\":{\"te\\u0078t\":\"t\"}}",
          "{\"usage\":{\"prompt_tokens\":2147483647,\"completion_tokens\":-2147483648}}",
          "\ufeff{\"choices\":[]}",
          "[DONE]",
          " [DONE]\r",
          "{}",
          "{ }");

  static final List<String> BROKEN =
      List.of(
          "",
          "   ",
          "not json",
          "[1,2]",
          "\"text\"",
          "123",
          "123x",
          "true",
          "tru",
          "null",
          "}",
          "]",
          "{",
          "{\"choices\": [",
          "{\"a\":1} trailing",
          "{\"a\":1} {\"b\":2}",
          "{\"a\":1} 12",
          "{\"a\":1} 12x",
          "{\"a\":1} \"open",
          "{\"a\":1} [",
          "{\"a\":1} true",
          "{\"a\":1} truex",
          "{\"a\":1} true]",
          "{\"a\":1} -",
          "{\"a\":1},",
          "{\"a\":1}}",
          "{\"a\" 1}",
          "{\"a\":1 \"b\":2}",
          "{\"a\":1,}",
          "{\"a\":[1,2,]}",
          "{\"a\":[,1]}",
          "{,\"a\":1}",
          "{a:1}",
          "{'a':1}",
          "{\"a\":tru}",
          "{\"a\":nul}",
          "{\"a\":falsey}",
          "{\"a\":01}",
          "{\"a\":-}",
          "{\"a\":-01}",
          "{\"a\":1.}",
          "{\"a\":.5}",
          "{\"a\":1e}",
          "{\"a\":1e+}",
          "{\"a\":+1}",
          "{\"a\":NaN}",
          "{\"a\":0x1F}",
          "{\"usage\":{\"prompt_tokens\":2147483648}}",
          "{\"usage\":{\"completion_tokens\":-2147483649}}",
          "{\"usage\":{\"prompt_tokens\":99999999999999999999999}}",
          "{\"usage\":{\"prompt_tokens\":99999999999999999999999.5}}",
          "{\"details\":{\"generated_tokens\":12345678901}}",
          "{\"a\":\"tab\there\"}",
          "{\"a\":\"new\nline\"}",
          "{\"choices\":[{\"text\":\"bad \\q escape\"}]}",
          "{\"choices\":[{\"text\":\"bad \\u12G4\"}]}",
          "{\"choices\":[{\"text\":\"cut \\u12\"}]}",
          "{\"choices\":[{\"text\":\"open}]}",
          "{\"a\\x\":1}",
          "{\"a\":1/*c*/}",
          "{\"a\":[1}]",
          "{\"a\":{1]}",
          "{\"a\":1]",
          "{\"a\":1}\u0000",
          "{\"a\":1\u000b}",
          "\u0000{\"a\":1}",
          "{\"choices\":[{\"text\":\"x\"}]} {\"choices\"");
}
