package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.RequestRecord;

/**
 * A simulation's own per-request file (e.g. another tool's CSV layout), registered on the protocol
 * ({@code LlmProtocolBuilder.requestFile}) and filled as requests finish, like {@code llm-requests.csv}: rows are
 * formatted on a background thread, so a killed run keeps the rows of the requests finished before the kill.
 */
public interface RequestFileFormat {

  /** The file's name in the run folder. */
  String fileName();

  /** The first line (without its line end), or null for none. */
  String header();

  /** Whether this request gets a row (e.g. only requests that belong to a conversation). Called on event loops. */
  default boolean accepts(RequestRecord record) {
    return true;
  }

  /** Appends the request's row (without its line end). Called on the writer thread. */
  void appendRow(RequestRecord record, RunOrigin origin, StringBuilder line);
}
