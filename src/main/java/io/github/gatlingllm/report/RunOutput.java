package io.github.gatlingllm.report;

import java.io.IOException;

/**
 * An extra end-of-run output that a simulation registers on the protocol ({@code LlmProtocolBuilder.runOutput}):
 * called once, after the LLM summary has been printed and written, with everything the summary was computed from.
 * Typical outputs print a block in another tool's format and save it into the run folder. An exception is logged and
 * does not stop the other outputs.
 */
@FunctionalInterface
public interface RunOutput {
  void write(RunResults results) throws IOException;
}
