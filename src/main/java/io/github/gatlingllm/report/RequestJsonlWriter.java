package io.github.gatlingllm.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.gatlingllm.metrics.RequestRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Streams {@code llm-requests.jsonl} ({@code llm.logRequests=true}): one JSON object per measured request, with the
 * prompt as sent and the generated text, for looking at what the server answered. Same background writing as the CSV
 * ({@link AsyncLineWriter}): {@link #onRecord} never blocks.
 *
 * <p>Keys: {@code request_id}, {@code scenario}, {@code user_id}, {@code request_name}, {@code status} ("ok" or
 * "failed"), {@code http_status} (null when none), {@code error} (the label of the summary's {@code errors}, e.g.
 * "HTTP 503") and {@code error_detail} (the server's or client's message), both null on success,
 * {@code prompt} (the prompt string or the chat messages array, as JSON, null when not kept; each {@code data:} URL
 * replaced by a short descriptor, see {@link DataUrlDigest}), {@code generated_text},
 * {@code send_ms} (since the run origin, as in the CSV), {@code ttft_ms}, {@code tpot_ms}, {@code itl_mean_ms},
 * {@code itl_max_ms}, {@code e2el_ms} (null when undefined), {@code client_queue_ms}, {@code chunks},
 * {@code input_tokens}, {@code input_token_source}, {@code output_tokens}, {@code output_token_source} (counts null when
 * unknown), then the reasoning keys of {@link ReasoningJsonFields}, then {@code cached_tokens} (prompt tokens the
 * server served from its prefix cache, null when it did not say).
 */
public final class RequestJsonlWriter extends RecordFileWriter {
  public static final String FILE_NAME = "llm-requests.jsonl";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final double NANOS_PER_MS = 1e6;


  public RequestJsonlWriter(Path file, RunOrigin origin) throws IOException {
    this(file.getFileName().toString(), RequestCsvWriter.open(file), origin, AsyncLineWriter.DEFAULT_CAPACITY);
  }

  RequestJsonlWriter(String name, Writer sink, RunOrigin origin, int capacity) {
    this(name, () -> sink, origin, capacity);
  }

  private RequestJsonlWriter(String name, AsyncLineWriter.SinkOpener opener, RunOrigin origin, int capacity) {
    super(new AsyncLineWriter<>(name, opener, null, lineFormat(origin), capacity));
  }

  private static AsyncLineWriter.LineFormat<RequestRecord> lineFormat(RunOrigin origin) {
    Objects.requireNonNull(origin, "origin");
    return (r, line) -> {
      line.append(json(r, origin));
      r.releaseRequestBody(); // written: nothing else reads it
    };
  }

  /** Writes {@link #FILE_NAME} into a folder that may not exist yet: see {@link RequestCsvWriter#inFolder}. */
  public static RequestJsonlWriter inFolder(FolderLookup folder, RunOrigin origin) {
    return new RequestJsonlWriter(
        FILE_NAME, RequestCsvWriter.opener(folder, FILE_NAME), origin, AsyncLineWriter.DEFAULT_CAPACITY);
  }






  static String json(RequestRecord r, RunOrigin origin) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("request_id", r.requestId());
      g.writeStringField("scenario", r.scenario());
      g.writeNumberField("user_id", r.userId());
      g.writeStringField("request_name", r.requestName());
      g.writeStringField("status", r.success() ? RequestCsvFormat.OK : RequestCsvFormat.FAILED);
      nullableInt(g, "http_status", r.httpStatus() == 0 ? -1 : r.httpStatus());
      String label = r.errorLabel();
      g.writeStringField("error", label.isEmpty() ? null : label);
      g.writeStringField("error_detail", r.success() ? null : r.errorDetail());
      g.writeFieldName("prompt");
      String prompt = r.requestBody() == null ? null : PromptJson.of(r.requestBody());
      if (prompt == null) {
        g.writeNull();
      } else {
        // JSON already: the prompt string or the messages array as sent, data URLs shortened (here, off the loop).
        g.writeRawValue(LoggedPrompt.shorten(prompt));
      }
      g.writeStringField("generated_text", r.generatedText());
      millis(g, "send_ms", r.sendNanos() == RequestRecord.NONE ? RequestRecord.NONE : r.sendNanos() - origin.nanoTime());
      millis(g, "ttft_ms", r.ttftNanos());
      double tpot = r.tpotNanos();
      if (tpot == RequestRecord.NONE) {
        g.writeNullField("tpot_ms");
      } else {
        g.writeNumberField("tpot_ms", tpot / NANOS_PER_MS);
      }
      if (r.itlCount() == 0) {
        g.writeNullField("itl_mean_ms");
        g.writeNullField("itl_max_ms");
      } else {
        long max = 0;
        for (int i = 0; i < r.itlCount(); i++) {
          max = Math.max(max, r.itlNanos(i));
        }
        g.writeNumberField("itl_mean_ms", (r.lastChunkNanos() - r.firstChunkNanos()) / NANOS_PER_MS / r.itlCount());
        millis(g, "itl_max_ms", max);
      }
      millis(g, "e2el_ms", r.e2elNanos());
      millis(g, "client_queue_ms", r.queueNanos());
      g.writeNumberField("chunks", r.chunkCount());
      nullableInt(g, "input_tokens", r.promptTokens());
      g.writeStringField("input_token_source", RequestCsvFormat.source(r.promptTokenSource()));
      nullableInt(g, "output_tokens", r.outputTokens());
      g.writeStringField("output_token_source", RequestCsvFormat.source(r.outputTokenSource()));
      ReasoningJsonFields.write(g, r);
      nullableInt(g, "cached_tokens", r.cachedTokens());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void nullableInt(JsonGenerator g, String name, int value) throws IOException {
    if (value < 0) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }

  private static void millis(JsonGenerator g, String name, long nanos) throws IOException {
    if (nanos == RequestRecord.NONE) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, nanos / NANOS_PER_MS);
    }
  }
}
