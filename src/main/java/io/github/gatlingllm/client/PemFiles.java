package io.github.gatlingllm.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of {@link TlsSettings} with the JDK alone (no new runtime dependency). A file that is missing or
 * not what is expected is an {@link IllegalArgumentException} naming the path and the expected content, at start-up.
 */
public final class PemFiles {
  public static final String CERTIFICATES = "PEM X.509 certificates (-----BEGIN CERTIFICATE-----)";
  public static final String PRIVATE_KEY = "an unencrypted PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)";

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  /** The key algorithms a PKCS#8 blob may hold; the blob names its own, but the JDK needs a factory per algorithm. */
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

  private PemFiles() {}

  /** Every certificate of the file (at least one). */
  public static List<X509Certificate> certificates(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> all = new ArrayList<>();
      CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> all.add((X509Certificate) c));
      if (all.isEmpty()) {
        throw bad(pem, CERTIFICATES, "none found");
      }
      return all;
    } catch (IOException e) {
      throw bad(pem, CERTIFICATES, "cannot read it: " + e);
    } catch (CertificateException e) {
      throw bad(pem, CERTIFICATES, e.getMessage());
    }
  }

  public static PrivateKey privateKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw bad(pem, PRIVATE_KEY, "cannot read it: " + e);
    }
    Matcher m = PKCS8.matcher(text);
    if (!m.find()) {
      String hint =
          text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
              ? "a PKCS#1/SEC1 key: convert it with openssl pkcs8 -topk8 -nocrypt"
              : text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ? "an encrypted key" : "no such block";
      throw bad(pem, PRIVATE_KEY, hint);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(1));
    } catch (IllegalArgumentException e) {
      throw bad(pem, PRIVATE_KEY, "bad base64");
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next one
      }
    }
    throw bad(pem, PRIVATE_KEY, "no key algorithm of this JVM (" + String.join(", ", KEY_ALGORITHMS) + ") reads it");
  }

  private static IllegalArgumentException bad(Path pem, String expected, String why) {
    return new IllegalArgumentException(pem + ": expected " + expected + " (" + why + ")");
  }
}
