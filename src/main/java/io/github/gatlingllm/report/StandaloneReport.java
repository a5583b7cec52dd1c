package io.github.gatlingllm.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The LLM block in a page of its own, {@code llm-report.html}: the report of a run that has no Gatling report, such as
 * the merge of several injectors' files ({@link Recompute}). The block's charts draw with the Highcharts that
 * Gatling's report page loads, and its styles use Gatling's; the page gets them the same way, as files next to it
 * ({@code js/}, {@code style/}) copied from Gatling's charts jar on the classpath ({@code gatling-charts} and
 * {@code gatling-charts-highcharts}, where Gatling takes the files it copies into every report folder), or else from
 * a Gatling report folder given as a fallback (the folder of one of the merged CSVs). So the page works offline. With
 * neither, the page still shows the tables, and says that the charts need Highcharts.
 */
final class StandaloneReport {
  static final String FILE_NAME = "llm-report.html";
  /** Where Gatling's jars keep the assets it copies into a report folder. */
  private static final String CLASSPATH_ASSETS = "/io/gatling/charts/assets/";
  /** What the page loads, in order, as Gatling's own page does; paths relative to the page. */
  static final List<String> STYLES = List.of("style/style.css", "style/bootstrap.min.css");

  static final List<String> SCRIPTS = List.of("js/highstock.js", "js/highcharts-more.js", "js/theme.js");

  private StandaloneReport() {}

  /**
   * Writes {@code llm-report.html} with {@code block} (a rendered {@code <div id="llm-summary">}) into {@code dir},
   * and the assets it needs next to it.
   *
   * @param fallbackReportFolders Gatling report folders to copy the assets from when the classpath has none
   * @return the page, and whether its charts have Highcharts
   */
  static Written write(Path dir, String title, String block, List<Path> fallbackReportFolders) throws IOException {
    boolean assets = copyAssets(dir, fallbackReportFolders);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\" data-theme=\"light\">\n<head>\n<meta charset=\"UTF-8\">\n");
    html.append("<title>").append(HtmlSummaryBlock.escape(title)).append("</title>\n");
    if (assets) {
      for (String style : STYLES) {
        html.append("<link href=\"").append(style).append("\" rel=\"stylesheet\" type=\"text/css\">\n");
      }
      for (String script : SCRIPTS) {
        html.append("<script src=\"").append(script).append("\"></script>\n");
      }
    }
    // Gatling's style sizes the body to the window (width and height 100%) for its own containers: padding inside
    // that width, and a height that follows the content, lay the block out without them.
    html.append("<style>html, body { height: auto; } body { margin: 0; padding: 24px; box-sizing: border-box;"
        + " overflow: auto; }</style>\n");
    html.append("</head>\n<body>\n<h1 class=\"llm-standalone-title\">").append(HtmlSummaryBlock.escape(title))
        .append("</h1>\n");
    if (!assets) {
      html.append("<p>No charts: Highcharts was not found (put Gatling's gatling-charts-highcharts jar on the"
          + " classpath, or merge CSVs that sit in their Gatling report folders).</p>\n");
    }
    html.append(block).append("\n</body>\n</html>\n");
    Path page = dir.resolve(FILE_NAME);
    byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(page, out -> out.write(bytes));
    return new Written(page, assets);
  }

  /** The page written, and whether its charts have their scripts. */
  record Written(Path page, boolean charts) {}

  /** Copies every asset the page loads into {@code dir}; false when some could be found nowhere (none copied). */
  private static boolean copyAssets(Path dir, List<Path> fallbackReportFolders) throws IOException {
    Files.createDirectories(dir);
    List<String> all = new ArrayList<>(STYLES);
    all.addAll(SCRIPTS);
    if (all.stream().allMatch(a -> StandaloneReport.class.getResource(CLASSPATH_ASSETS + a) != null)) {
      for (String asset : all) {
        try (InputStream in = StandaloneReport.class.getResourceAsStream(CLASSPATH_ASSETS + asset)) {
          Files.createDirectories(dir.resolve(asset).getParent());
          Files.copy(in, dir.resolve(asset), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return true;
    }
    Optional<Path> folder =
        fallbackReportFolders.stream()
            .filter(f -> all.stream().allMatch(a -> Files.isRegularFile(f.resolve(a))))
            .findFirst();
    if (folder.isEmpty()) {
      return false;
    }
    for (String asset : all) {
      Path target = dir.resolve(asset);
      if (!Files.isSameFile(folder.get(), dir)) {
        Files.createDirectories(target.getParent());
        Files.copy(folder.get().resolve(asset), target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return true;
  }
}
