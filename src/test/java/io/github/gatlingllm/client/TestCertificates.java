package io.github.gatlingllm.client;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates the tests make themselves, with the JDK's own {@code keytool} (no checked-in private key, no network,
 * no extra dependency): a private CA, certificates it issues (for a given host, valid or expired) and self-signed ones.
 * Each is also written as PEM files, as a user would give them to {@code llm.caCert} / {@code llm.clientCert}.
 */
public final class TestCertificates {
  private static final String PASSWORD = "changeit";

  /** A certificate, its chain (leaf first) and key, in memory and as PEM files. */
  public record Issued(List<X509Certificate> chain, PrivateKey key, Path certPem, Path keyPem) {
    public X509Certificate cert() {
      return chain.get(0);
    }

    /** A Netty server context presenting this certificate. */
    public SslContext server() throws IOException {
      return SslContextBuilder.forServer(key, chain).build();
    }

    /** The same, requiring a client certificate issued by {@code clientCa}. */
    public SslContext serverRequiringClient(Issued clientCa) throws IOException {
      return SslContextBuilder.forServer(key, chain)
          .trustManager(clientCa.cert())
          .clientAuth(ClientAuth.REQUIRE)
          .build();
    }
  }

  private final Path dir;

  public TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A self-signed CA (basic constraints CA:true), valid from yesterday for 30 days. */
  public Issued ca(String name) throws Exception {
    Path store = keyPair(name, "-ext", "bc:c", "-startdate", "-1d", "-validity", "30");
    return written(name, store, List.of());
  }

  /** A self-signed server certificate for {@code san} (e.g. {@code ip:127.0.0.1}), valid from yesterday. */
  public Issued selfSigned(String name, String san) throws Exception {
    Path store = keyPair(name, "-ext", "san=" + san, "-startdate", "-1d", "-validity", "30");
    return written(name, store, List.of());
  }

  /**
   * A certificate for {@code san} issued by {@code ca}, valid for {@code validityDays} from {@code startDate}
   * (keytool's relative form: {@code -1d}; {@code -10d} with 1 day of validity gives an expired certificate).
   */
  public Issued issued(Issued ca, String name, String san, String startDate, int validityDays) throws Exception {
    Path store = keyPair(name);
    Path csr = dir.resolve(name + ".csr");
    keytool("-certreq", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", name, "-file", csr.toString());
    Path signed = dir.resolve(name + ".signed.pem");
    Path caStore = dir.resolve(ca.certPem().getFileName().toString().replace(".crt.pem", ".p12"));
    keytool(
        "-gencert", "-rfc", "-keystore", caStore.toString(), "-storepass", PASSWORD, "-alias", alias(caStore),
        "-infile", csr.toString(), "-outfile", signed.toString(), "-ext", "san=" + san,
        "-startdate", startDate, "-validity", Integer.toString(validityDays));
    X509Certificate leaf;
    try (InputStream in = Files.newInputStream(signed)) {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
    chain.addAll(ca.chain());
    PrivateKey key = (PrivateKey) load(store).getKey(name, PASSWORD.toCharArray());
    return writePem(name, chain, key);
  }

  private Path keyPair(String name, String... ext) throws Exception {
    Path store = dir.resolve(name + ".p12");
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name + ", O=gatling-llm tests"));
    args.addAll(List.of(ext));
    keytool(args.toArray(new String[0]));
    return store;
  }

  private Issued written(String name, Path store, List<X509Certificate> rest) throws Exception {
    KeyStore keys = load(store);
    List<X509Certificate> chain = new ArrayList<>(List.of((X509Certificate) keys.getCertificate(name)));
    chain.addAll(rest);
    return writePem(name, chain, (PrivateKey) keys.getKey(name, PASSWORD.toCharArray()));
  }

  private Issued writePem(String name, List<X509Certificate> chain, PrivateKey key) throws Exception {
    StringBuilder certs = new StringBuilder();
    for (X509Certificate c : chain) {
      certs.append(pem("CERTIFICATE", c.getEncoded()));
    }
    Path certPem = Files.writeString(dir.resolve(name + ".crt.pem"), certs, StandardCharsets.US_ASCII);
    Path keyPem =
        Files.writeString(dir.resolve(name + ".key.pem"), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    return new Issued(List.copyOf(chain), key, certPem, keyPem);
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static KeyStore load(Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(store))) {
      keys.load(in, PASSWORD.toCharArray());
    }
    return keys;
  }

  /** The store's only alias: its file name, as {@link #keyPair} names both. */
  private static String alias(Path store) {
    String file = store.getFileName().toString();
    return file.substring(0, file.length() - ".p12".length());
  }

  private void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "keytool " + String.join(" ", args) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }
}
