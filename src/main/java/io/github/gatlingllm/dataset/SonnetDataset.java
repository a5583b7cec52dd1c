package io.github.gatlingllm.dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * vLLM's {@code sonnet} dataset: a fixed instruction, a prefix of poem lines shared by every prompt (the first lines
 * of the file, about {@code prefixLen} tokens), then lines drawn at random (with replacement) up to about
 * {@code inputLen} tokens; prompts longer than {@code inputLen} once the chat template is applied are drawn again.
 *
 * <p>As in vLLM, line counts come from the average token count of a line: {@code round((inputLen - base) / avg)}
 * lines in all, {@code max(0, round((prefixLen - base) / avg))} of them the shared prefix, where {@code base} is the
 * length of the templated instruction; rounding is half-to-even, as Python's. Lengths are counted on the templated
 * text, which is what a chat endpoint tokenizes; the text sent is either the bare prompt (chat endpoint: the server
 * applies the template) or the templated one (completions endpoint, as vLLM does). Draws come from
 * {@link SplittableRandom}, not Python's {@code random}: the same seed gives other lines than vLLM, from the same
 * distribution.
 *
 * <p>The shipped lines, {@code datasets/sonnet.txt}, are a poem written for this project (vLLM's file holds
 * Shakespeare's sonnets); any UTF-8 text file of lines can be used.
 */
public final class SonnetDataset {
  /** vLLM's instruction, the start of every prompt. */
  public static final String INSTRUCTION = "Pick as many lines as you can from these poem lines:\n";
  /** The shipped lines, relative to the project root. */
  public static final String DEFAULT_SPEC = "datasets/sonnet.txt";
  /** Where the shipped lines are looked for when {@link #DEFAULT_SPEC} is not there (e.g. Gatling Enterprise). */
  public static final String DEFAULT_CLASSPATH_SPEC = "classpath:sonnet.txt";

  private static final int MAX_REJECTED_IN_A_ROW = 10_000;

  private final List<String> lines;
  private final String source;

  /**
   * What to generate.
   *
   * @param inputLen most tokens of a templated prompt ({@code sonnetInputLen}, vLLM default 550)
   * @param prefixLen tokens of the shared prefix, instruction included ({@code sonnetPrefixLen}, default 200)
   * @param outputLen max tokens to ask for ({@code sonnetOutputLen}, default 150)
   * @param seed seed of the line draws
   * @param template the model's chat template, for counting (vLLM requires one)
   * @param sendTemplated whether the prompt sent is the templated text (completions endpoint) or the bare prompt
   */
  public record Settings(int inputLen, int prefixLen, int outputLen, long seed, ChatTemplate template,
      boolean sendTemplated) {
    public Settings {
      if (prefixLen < 0 || prefixLen > inputLen) {
        throw new IllegalArgumentException(
            "sonnetPrefixLen must be in [0, sonnetInputLen=" + inputLen + "], got " + prefixLen);
      }
      if (outputLen < 1) {
        throw new IllegalArgumentException("sonnetOutputLen must be >= 1, got " + outputLen);
      }
      if (template == null) {
        throw new IllegalArgumentException("a chat template is needed (ChatTemplate.NONE for none)");
      }
    }

    /** vLLM's defaults (550 input, 200 prefix, 150 output tokens), seed 0, the bare prompt sent. */
    public static Settings defaults(ChatTemplate template) {
      return new Settings(550, 200, 150, 0L, template, false);
    }
  }

  private SonnetDataset(List<String> lines, String source) {
    this.lines = List.copyOf(lines);
    this.source = source;
  }

  /** The lines of the file {@code spec}: a path, or {@code classpath:name}. */
  public static SonnetDataset load(String spec) {
    return load(spec, SonnetDataset.class.getClassLoader());
  }

  /** The shipped lines: {@link #DEFAULT_SPEC} if it exists in the working directory, else the classpath copy. */
  public static SonnetDataset loadDefault() {
    return load(Files.isRegularFile(Path.of(DEFAULT_SPEC)) ? DEFAULT_SPEC : DEFAULT_CLASSPATH_SPEC);
  }

  static SonnetDataset load(String spec, ClassLoader loader) {
    String trimmed = spec == null ? "" : spec.trim();
    byte[] bytes;
    if (SpecFiles.isClasspath(trimmed)) {
      String name = SpecFiles.resourceName(trimmed);
      if (!SpecFiles.hasResource(loader, name)) {
        throw notFound(trimmed);
      }
      bytes = SpecFiles.readResource(loader, name);
    } else {
      Path path = SpecFiles.existingPath(trimmed).filter(Files::isRegularFile).orElseThrow(() -> notFound(trimmed));
      bytes = SpecFiles.readFile(path);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), trimmed);
  }

  /** The non-blank lines of {@code text}, each ending with a newline; {@code source} names it in errors. */
  public static SonnetDataset parse(String text, String source) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        lines.add(line + "\n");
      }
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("Sonnet file has no lines: '" + source + "' (expected a text file of poem "
          + "lines)");
    }
    return new SonnetDataset(lines, source);
  }

  private static IllegalArgumentException notFound(String spec) {
    return new IllegalArgumentException("Sonnet file not found: '" + spec + "' (expected a text file of poem lines, "
        + "by path or as classpath:name)");
  }

  /** The lines, each ending with a newline. */
  public List<String> lines() {
    return lines;
  }

  /** {@code numRequests} prompts as described in the class comment, tokenized with {@code tokenizer}. */
  public List<DatasetRequest> sample(TextTokenizer tokenizer, int numRequests, Settings settings) {
    double averageLine = lines.stream().mapToInt(tokenizer::count).average().orElseThrow();
    int base = tokenizer.count(settings.template().apply(INSTRUCTION));
    if (settings.inputLen() <= base) {
      throw new IllegalArgumentException("sonnetInputLen " + settings.inputLen() + " must be more than the "
          + "instruction's " + base + " tokens (tokenizer '" + tokenizer.id() + "')");
    }
    int inputLines = (int) Math.rint((settings.inputLen() - base) / averageLine);
    int prefixLines = Math.min(lines.size(), (int) Math.max(0, Math.rint((settings.prefixLen() - base) / averageLine)));
    int drawnLines = Math.max(0, inputLines - prefixLines);
    String prefix = INSTRUCTION + String.join("", lines.subList(0, prefixLines));

    SplittableRandom random = new SplittableRandom(settings.seed());
    List<DatasetRequest> requests = new ArrayList<>(numRequests);
    int rejectedInARow = 0;
    while (requests.size() < numRequests) {
      StringBuilder prompt = new StringBuilder(prefix);
      for (int i = 0; i < drawnLines; i++) {
        prompt.append(lines.get(random.nextInt(lines.size())));
      }
      String templated = settings.template().apply(prompt.toString());
      int tokens = tokenizer.count(templated);
      if (tokens <= settings.inputLen()) {
        String sent = settings.sendTemplated() ? templated : prompt.toString();
        requests.add(new DatasetRequest(sent, tokens, settings.outputLen()));
        rejectedInARow = 0;
      } else if (++rejectedInARow == MAX_REJECTED_IN_A_ROW) {
        throw new IllegalStateException("No sonnet prompt of at most sonnetInputLen=" + settings.inputLen()
            + " tokens from '" + source + "' in " + MAX_REJECTED_IN_A_ROW + " draws of " + drawnLines
            + " lines (the last had " + tokens + " tokens): raise sonnetInputLen");
      }
    }
    return requests;
  }
}
