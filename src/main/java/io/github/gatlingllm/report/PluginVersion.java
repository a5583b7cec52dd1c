package io.github.gatlingllm.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's version for the result files: the jar manifest, else Maven's pom.properties, else "unknown". */
final class PluginVersion {
  private static final String POM_PROPERTIES = "/META-INF/maven/io.github.gatlingllm/gatling-llm/pom.properties";

  private PluginVersion() {}

  static String get() {
    String fromManifest = PluginVersion.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return fromManifest;
    }
    try (InputStream in = PluginVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through: the version is informative only
    }
    return "unknown";
  }
}
