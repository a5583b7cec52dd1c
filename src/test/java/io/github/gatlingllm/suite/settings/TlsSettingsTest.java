package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.client.TestCertificates;
import io.github.gatlingllm.client.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm.insecure}, {@code llm.caCert}, {@code llm.clientCert} and {@code llm.clientKey}: read and checked at start. */
class TlsSettingsTest {
  @TempDir Path dir;

  private static TlsSettings tls(Map<String, String> knobs) {
    Properties properties = new Properties();
    properties.putAll(knobs);
    return ServingSettings.from(LlmProperties.of(properties, ServingSettings.PROPERTIES)).common().target().tls();
  }

  @Test
  void verifiedByDefault() {
    TlsSettings tls = tls(Map.of());
    assertFalse(tls.insecure());
    assertNull(tls.caCert());
    assertNull(tls.clientCert());
    assertTrue(tls(Map.of("llm.insecure", "true")).insecure());
  }

  @Test
  void pemFilesAreReadAtStart() throws Exception {
    TestCertificates.Issued ca = new TestCertificates(dir).ca("settings-ca");
    TlsSettings tls =
        tls(
            Map.of(
                "llm.caCert", ca.certPem().toString(),
                "llm.clientCert", ca.certPem().toString(),
                "llm.clientKey", ca.keyPem().toString()));
    assertEquals(ca.certPem(), tls.caCert());
    assertEquals(ca.keyPem(), tls.clientKey());
  }

  @Test
  void aBadFileNamesThePropertyThePathAndWhatWasExpected() throws Exception {
    Path missing = dir.resolve("missing.pem");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tls(Map.of("llm.caCert", missing.toString())));
    assertTrue(e.getMessage().startsWith("Invalid value '" + missing + "' for llm.caCert: expected PEM X.509"), e.getMessage());

    Path rsa = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    TestCertificates.Issued ca = new TestCertificates(dir).ca("key-ca");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> tls(Map.of("llm.clientCert", ca.certPem().toString(), "llm.clientKey", rsa.toString())));
    assertTrue(e.getMessage().contains("for llm.clientKey: expected an unencrypted PKCS#8"), e.getMessage());
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> tls(Map.of("llm.clientCert", ca.certPem().toString())));
    assertTrue(e.getMessage().contains("llm.clientCert") && e.getMessage().contains("llm.clientKey"), e.getMessage());
  }
}
