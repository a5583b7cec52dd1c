package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.HttpTarget;
import java.io.PrintStream;

/**
 * The console lines that say a run's connections are less safe than they look, each printed once per run however many
 * protocols share the run: certificates not verified (an explicit opt-out), and an API key sent in clear text to a
 * host that is not this machine.
 */
final class TransportWarnings {
  static final String INSECURE =
      "gatling-llm WARNING: TLS certificates are NOT verified (llm.insecure / trustAllCertificates): any server can"
          + " pose as the target and read the API key";

  private final PrintStream out;
  private boolean insecurePrinted;
  private boolean clearKeyPrinted;

  TransportWarnings(PrintStream out) {
    this.out = out;
  }

  /** Called for every protocol at start. */
  synchronized void check(LlmProtocol protocol) {
    HttpTarget target = protocol.target();
    if (protocol.connection().tls().insecure() && !insecurePrinted) {
      insecurePrinted = true;
      out.println(INSECURE);
    }
    boolean hasKey = protocol.apiKey() != null && !protocol.apiKey().isEmpty();
    if (hasKey && !target.tls() && !isLoopback(target.host()) && !clearKeyPrinted) {
      clearKeyPrinted = true;
      out.println(
          "gatling-llm WARNING: the API key is sent over plain http:// to " + target.host()
              + ": anyone on the network path can read it; use https://");
    }
  }

  /** From the name alone: resolving it here could block, and a name that resolves to loopback is rare. */
  static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost")
        || h.startsWith("127.")
        || h.equals("::1")
        || h.equalsIgnoreCase("0:0:0:0:0:0:0:1");
  }
}
