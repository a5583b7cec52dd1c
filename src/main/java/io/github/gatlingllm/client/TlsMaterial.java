package io.github.gatlingllm.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The trust and key managers of one {@link TlsSettings}, read once, from which both clients are made: Netty's for the
 * load ({@link #nettyContext()}) and the JDK's for the side requests ({@link #jdkContext()}). One source, so that a
 * side request never trusts what the load would refuse, or the other way round.
 */
public final class TlsMaterial {
  /** The endpoint identification that checks the server's certificate against the host name (RFC 2818). */
  static final String HOST_NAME_CHECK = "HTTPS";

  private static final char[] NO_PASSWORD = new char[0];

  private final TlsSettings settings;
  private final TrustManager trust;
  private final KeyManager[] keys;

  private TlsMaterial(TlsSettings settings, TrustManager trust, KeyManager[] keys) {
    this.settings = settings;
    this.trust = trust;
    this.keys = keys;
  }

  /**
   * Reads the PEM files now.
   *
   * @throws IllegalArgumentException naming the file and what was expected when a PEM file is missing or unreadable
   */
  public static TlsMaterial load(TlsSettings settings) {
    try {
      TrustManager trust = settings.insecure() ? new AcceptAll() : verifying(settings);
      return new TlsMaterial(settings, trust, keys(settings));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot set TLS up in this JVM: " + e, e);
    }
  }

  public TlsSettings settings() {
    return settings;
  }

  /** For the load: the host name is checked (unless insecure) by the engine, on the peer host given to its handler. */
  SslContext nettyContext() throws SSLException {
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .trustManager(trust)
            .endpointIdentificationAlgorithm(settings.insecure() ? null : HOST_NAME_CHECK);
    if (keys.length > 0) {
      builder.keyManager(keys[0]);
    }
    return builder.build();
  }

  /**
   * For the JDK's blocking clients: {@code HttpsURLConnection} checks the host name itself when its default host-name
   * verifier is kept, so only the trust comes from here.
   */
  SSLContext jdkContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No TLS implementation in this JVM", e);
    }
  }

  /** The JDK's trust store, plus the private CA when one is given. */
  private static TrustManager verifying(TlsSettings settings) throws GeneralSecurityException, java.io.IOException {
    TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    if (settings.caCert() == null) {
      return jdk.getTrustManagers()[0];
    }
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    int i = 0;
    for (TrustManager m : jdk.getTrustManagers()) {
      if (m instanceof X509TrustManager x509) {
        for (X509Certificate ca : x509.getAcceptedIssuers()) {
          anchors.setCertificateEntry("jdk-" + i++, ca);
        }
      }
    }
    for (X509Certificate ca : PemFiles.certificates(settings.caCert())) {
      anchors.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory both = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    both.init(anchors);
    return both.getTrustManagers()[0];
  }

  private static KeyManager[] keys(TlsSettings settings) throws GeneralSecurityException, java.io.IOException {
    if (settings.clientCert() == null) {
      return new KeyManager[0];
    }
    List<X509Certificate> chain = PemFiles.certificates(settings.clientCert());
    PrivateKey key = PemFiles.privateKey(settings.clientKey());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, NO_PASSWORD);
    return factory.getKeyManagers();
  }

  /**
   * Trusts any certificate for any host name, the explicit opt-out. Extended, so that the JDK does not wrap it in a
   * manager that checks the host name again.
   */
  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
