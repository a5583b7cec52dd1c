package io.github.gatlingllm.client;

import java.nio.file.Path;

/**
 * How every connection to the server under test is secured, the load's and the side requests' alike: verified against
 * the JDK's trust store and the host name unless {@code insecure}.
 *
 * @param insecure accept any certificate for any host name (an explicit opt-out: {@code llm.insecure},
 *     {@code trustAllCertificates()})
 * @param caCert a PEM file of CA certificates trusted in addition to the JDK's, or null
 * @param clientCert a PEM file with the client's certificate chain for mutual TLS, or null (then no key either)
 * @param clientKey the PEM file of that certificate's unencrypted PKCS#8 private key, or null
 */
public record TlsSettings(boolean insecure, Path caCert, Path clientCert, Path clientKey) {
  /** The JDK's trust store, the host name checked, no client certificate. */
  public static final TlsSettings VERIFIED = new TlsSettings(false, null, null, null);

  public TlsSettings {
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "Mutual TLS needs both a client certificate and its key: got "
              + (clientCert == null ? "a key without a certificate" : "a certificate without a key"));
    }
  }

  public TlsSettings withInsecure(boolean trustAll) {
    return new TlsSettings(trustAll, caCert, clientCert, clientKey);
  }

  public TlsSettings withCaCert(Path pem) {
    return new TlsSettings(insecure, pem, clientCert, clientKey);
  }

  public TlsSettings withClientCertificate(Path certPem, Path keyPem) {
    return new TlsSettings(insecure, caCert, certPem, keyPem);
  }
}
