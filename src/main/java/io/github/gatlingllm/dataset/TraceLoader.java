package io.github.gatlingllm.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a trace file, keeps its window and builds its prompts: the {@link TraceDataset} a replay sends. Everything
 * happens here, before the load; never call this on an event loop.
 *
 * @param file the file to read
 * @param name its name in reports, messages and the schedule: the file name, without directories
 * @param format how to read it
 * @param defaultOutputLen {@code max_tokens} of JSONL lines without {@code output_length}
 */
public record TraceLoader(Path file, String name, TraceFormat format, int defaultOutputLen) {

  public TraceLoader {
    if (defaultOutputLen < 1) {
      throw new IllegalArgumentException("defaultOutputLen must be >= 1, got " + defaultOutputLen);
    }
  }

  /** A loader for {@code spec} ({@code llm.datasetPath} or a sample) resolved to {@code file}: named after the spec. */
  public static TraceLoader of(String spec, Path file, TraceFormat format, int defaultOutputLen) {
    String normalized = spec.trim().replace('\\', '/');
    return new TraceLoader(file, normalized.substring(normalized.lastIndexOf('/') + 1).replaceFirst("^classpath:", ""),
        format, defaultOutputLen);
  }

  /** The entries in {@code window}, offsets in trace time (ms) from the window's start, before the speed-up. */
  public List<TraceEntry> entries(TraceWindow window) {
    return window.select(TraceFile.read(file, name, format, defaultOutputLen).entries());
  }

  /** The replay of {@code window}: prompts of exact lengths sharing the trace's blocks, and their send times. */
  public TraceDataset load(TraceWindow window, TextTokenizer tokenizer, int blockSize, long seed) {
    TraceFile.Contents contents = TraceFile.read(file, name, format, defaultOutputLen);
    List<TraceEntry> selected = window.select(contents.entries());
    if (selected.isEmpty()) {
      throw new DatasetException(name + ": no request in the window (" + window.describe() + ") of a trace of "
          + contents.entries().size() + " requests over "
          + contents.entries().get(contents.entries().size() - 1).offsetMs() / 1000.0 + " s");
    }
    TracePrompts.Built built = TracePrompts.build(selected, tokenizer, blockSize, seed);
    TraceSchedule schedule = new TraceSchedule(name, format.id(), window.speedup(), window.offsetsSeconds(selected));
    List<String> notes = new ArrayList<>(contents.notes());
    notes.addAll(built.notes());
    TracePrompts.BlockReuse reuse = TracePrompts.expectedBlockReuse(selected, blockSize);
    String report =
        "trace " + name + " (" + format.id() + "): " + selected.size() + " of " + contents.entries().size()
            + " requests (" + window.describe() + "), sent over " + round(schedule.spanSeconds()) + " s; "
            + round(100 * reuse.tokenShare()) + "% of prompt tokens in blocks seen before (" + reuse.reusedBlocks()
            + " of " + reuse.blocks() + " blocks of " + blockSize + " tokens)";
    return new TraceDataset(built.requests(), schedule, report, notes);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
