package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnterpriseRunFolderTest {
  @TempDir Path tmp;

  @Test
  void eachLoadGeneratorGetsItsOwnFolderCreatedOnceUnderTheGivenOne() throws Exception {
    Path shared = tmp.resolve("mounted/out");
    EnterpriseRunFolder first = new EnterpriseRunFolder(shared, "servingbenchmark-20260101000000000");
    EnterpriseRunFolder second = new EnterpriseRunFolder(shared, "servingbenchmark-20260101000000000");

    Path a = first.find().orElseThrow();
    Path b = second.find().orElseThrow();

    assertEquals(shared.resolve("servingbenchmark-20260101000000000").toAbsolutePath(), a);
    assertEquals(shared.resolve("servingbenchmark-20260101000000000-2").toAbsolutePath(), b);
    assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
    assertEquals(a, first.find().orElseThrow(), "found once, then kept");
    assertTrue(first.describe().contains("-Dllm.resultsDir"), first.describe());
  }
}
