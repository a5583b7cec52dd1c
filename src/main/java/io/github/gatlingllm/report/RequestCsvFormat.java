package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.List;
import java.util.Locale;

/**
 * The layout of {@code llm-requests.csv}: one row per measured request, a header row, RFC 4180 quoting, UTF-8.
 *
 * <p>Exactness: every time is a whole number of nanoseconds. Instants ({@code *_ms} up to {@code end_ms}) are written
 * as milliseconds since {@code run_origin_epoch_ms} with exactly 6 decimals, i.e. the nanosecond count with a decimal
 * point, and chunk times as nanoseconds after the send. Reading a row back therefore gives the very nanoTime
 * differences the live summary used, and a recompute reproduces {@code llm-summary.json} exactly, not approximately.
 * The derived columns ({@code ttft_ms} ... {@code client_queue_ms}) are for spreadsheets; {@code tpot_ms} and
 * {@code itl_mean_ms} are rounded to the nanosecond, and the reader ignores them all.
 *
 * <p>Columns are looked up by name when reading, and unknown ones are ignored: new columns (e.g. the multi-round
 * ones) can be appended without breaking older readers or older files.
 */
final class RequestCsvFormat {
  static final String SCENARIO = "scenario";
  static final String USER_ID = "user_id";
  static final String REQUEST_ID = "request_id";
  static final String REQUEST_NAME = "request_name";
  static final String ORIGIN = "run_origin_epoch_ms";
  static final String INTENDED = "intended_start_ms";
  static final String SEND = "send_ms";
  static final String FIRST_CHUNK = "first_chunk_ms";
  static final String FIRST_CONTENT = "first_content_ms";
  static final String LAST_CHUNK = "last_chunk_ms";
  static final String END = "end_ms";
  static final String TTFT = "ttft_ms";
  static final String TPOT = "tpot_ms";
  static final String ITL_MEAN = "itl_mean_ms";
  static final String ITL_MAX = "itl_max_ms";
  static final String E2EL = "e2el_ms";
  static final String CLIENT_QUEUE = "client_queue_ms";
  static final String INPUT_TOKENS = "input_tokens";
  static final String INPUT_SOURCE = "input_token_source";
  static final String OUTPUT_TOKENS = "output_tokens";
  static final String OUTPUT_SOURCE = "output_token_source";
  static final String STATUS = "status";
  static final String HTTP_STATUS = "http_status";
  static final String ERROR_CATEGORY = "error_category";
  static final String ERROR_DETAIL = "error_detail";
  static final String CHUNK_OFFSETS = "chunk_offsets_ns";
  static final String REASONING_TOKENS = "reasoning_tokens";
  static final String REASONING_SOURCE = "reasoning_token_source";
  /** Prompt tokens the server served from its prefix cache; empty when it did not say (unknown, not 0). */
  static final String CACHED_TOKENS = "cached_tokens";

  static final List<String> COLUMNS =
      List.of(SCENARIO, USER_ID, REQUEST_ID, REQUEST_NAME, ORIGIN, INTENDED, SEND, FIRST_CHUNK, FIRST_CONTENT,
          LAST_CHUNK, END, TTFT, TPOT, ITL_MEAN, ITL_MAX, E2EL, CLIENT_QUEUE, INPUT_TOKENS, INPUT_SOURCE,
          OUTPUT_TOKENS, OUTPUT_SOURCE, STATUS, HTTP_STATUS, ERROR_CATEGORY, ERROR_DETAIL, CHUNK_OFFSETS, REASONING_TOKENS,
          REASONING_SOURCE, CACHED_TOKENS);

  /**
   * The columns the reader needs; the derived ones may be missing, and so may the reasoning and cached-token ones
   * (older files).
   */
  static final List<String> REQUIRED =
      List.of(SCENARIO, USER_ID, REQUEST_ID, REQUEST_NAME, ORIGIN, INTENDED, SEND, FIRST_CONTENT, END, INPUT_TOKENS,
          INPUT_SOURCE, OUTPUT_TOKENS, OUTPUT_SOURCE, STATUS, HTTP_STATUS, ERROR_CATEGORY, ERROR_DETAIL,
          CHUNK_OFFSETS);

  static final String OK = "ok";
  static final String FAILED = "failed";
  /** Cut by the client when the run ended: neither ok nor failed (its error category is {@code cancelled}). */
  static final String CANCELLED = "cancelled";

  private RequestCsvFormat() {}

  static String header() {
    return String.join(",", COLUMNS);
  }

  /** Appends one row (no line end). Runs on the writer thread. */
  static void appendRow(RequestRecord r, RunOrigin origin, StringBuilder sb) {
    long o = origin.nanoTime();
    field(sb, r.scenario()).append(',');
    sb.append(r.userId()).append(',');
    sb.append(r.requestId()).append(',');
    field(sb, r.requestName()).append(',');
    sb.append(origin.epochMillis()).append(',');
    instant(sb, r.intendedNanos(), o).append(',');
    instant(sb, r.sendNanos(), o).append(',');
    instant(sb, r.firstChunkNanos(), o).append(',');
    instant(sb, r.firstContentNanos(), o).append(',');
    instant(sb, r.lastChunkNanos(), o).append(',');
    instant(sb, r.endNanos(), o).append(',');
    span(sb, r.ttftNanos()).append(',');
    double tpot = r.tpotNanos();
    span(sb, tpot == RequestRecord.NONE ? RequestRecord.NONE : Math.round(tpot)).append(',');
    itl(sb, r);
    span(sb, r.e2elNanos()).append(',');
    span(sb, r.queueNanos()).append(',');
    count(sb, r.promptTokens()).append(',');
    sb.append(source(r.promptTokenSource())).append(',');
    count(sb, r.outputTokens()).append(',');
    sb.append(source(r.outputTokenSource())).append(',');
    sb.append(status(r)).append(',');
    if (r.httpStatus() != 0) {
      sb.append(r.httpStatus());
    }
    sb.append(',');
    sb.append(category(r)).append(',');
    field(sb, r.errorDetail()).append(',');
    long send = r.sendNanos();
    for (int i = 0; i < r.chunkCount(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(r.chunkNanos(i) - send);
    }
    sb.append(',');
    count(sb, r.reasoningTokens()).append(',');
    if (r.reasoningTokens() >= 0) {
      sb.append(source(r.reasoningTokenSource()));
    }
    sb.append(',');
    count(sb, r.cachedTokens());
  }

  static String status(RequestRecord r) {
    if (r.success()) {
      return OK;
    }
    return r.error() == ErrorCategory.CANCELLED ? CANCELLED : FAILED;
  }

  /** The lower-case category name; a failed request without one ended without any chunk. */
  private static String category(RequestRecord r) {
    ErrorCategory c = r.error();
    if (c == null && !r.success()) {
      c = ErrorCategory.NO_CHOICES;
    }
    return c == null ? "" : c.name().toLowerCase(Locale.ROOT);
  }

  static String source(TokenSource s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  private static void itl(StringBuilder sb, RequestRecord r) {
    int n = r.itlCount();
    if (n == 0) {
      sb.append(",,");
      return;
    }
    long max = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, r.itlNanos(i));
    }
    long total = r.lastChunkNanos() - r.firstChunkNanos();
    millis(sb, Math.round((double) total / n)).append(',');
    millis(sb, max).append(',');
  }

  private static StringBuilder count(StringBuilder sb, int value) {
    return value < 0 ? sb : sb.append(value);
  }

  private static StringBuilder instant(StringBuilder sb, long nanos, long origin) {
    return nanos == RequestRecord.NONE ? sb : millis(sb, nanos - origin);
  }

  private static StringBuilder span(StringBuilder sb, long nanos) {
    return nanos == RequestRecord.NONE ? sb : millis(sb, nanos);
  }

  /** Nanoseconds as milliseconds with exactly 6 decimals: {@code 1234567891 -> 1234.567891}, exact both ways. */
  static StringBuilder millis(StringBuilder sb, long nanos) {
    if (nanos < 0) {
      sb.append('-');
    }
    // Math.abs(Long.MIN_VALUE) is negative: NONE never gets here, other values are far from it.
    long abs = Math.abs(nanos);
    sb.append(abs / 1_000_000).append('.');
    long frac = abs % 1_000_000;
    for (long pad = 100_000; pad > frac && pad > 1; pad /= 10) {
      sb.append('0');
    }
    return sb.append(frac);
  }

  /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
  static StringBuilder field(StringBuilder sb, String value) {
    if (value == null || value.isEmpty()) {
      return sb;
    }
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      return sb.append(value);
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    return sb.append('"');
  }
}
