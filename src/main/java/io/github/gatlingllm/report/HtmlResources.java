package io.github.gatlingllm.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The stylesheet and script of the LLM block, kept as resources next to this class (readable, lintable files rather
 * than Java strings) and inlined into the page, which must work offline from the run folder.
 */
public final class HtmlResources {
  static final String CSS = load("llm-report.css");
  /** The helpers both scripts share; each script carries them, and the first on the page defines them. */
  private static final String KIT = load("llm-chart-kit.js");
  static final String JS = KIT + load("llm-report.js");
  private static final String CAPACITY_JS = KIT + load("llm-capacity.js");
  private static final String HEALTH_JS = KIT + load("llm-health.js");

  private HtmlResources() {}

  /**
   * The script drawing the capacity charts from {@code #llm-capacity-data} (public for the capacity package, whose
   * parts render inside this block and share its chart helpers).
   */
  public static String capacityScript() {
    return CAPACITY_JS;
  }

  /** The script drawing the measurement-health chart from {@code #llm-health-data} (for the health package). */
  public static String healthScript() {
    return HEALTH_JS;
  }

  private static String load(String name) {
    try (InputStream in = HtmlResources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " next to " + HtmlResources.class.getName());
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Inlined inside <style>/<script>: a closing tag in the text would end the element early.
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("</script") || lower.contains("</style") || text.contains("<!--")) {
        throw new IllegalStateException(name + " must not contain '</script', '</style' or '<!--': it is inlined");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
