package io.github.gatlingllm.mock;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Decides, exactly and reproducibly, which requests fail and how.
 *
 * <ul>
 *   <li>A request with header {@code x-mock-fault: <mode>} (a {@link FaultMode} name, any case, {@code -} or
 *       {@code _}) gets that mode, {@code none} included. Headers {@code x-mock-fault-status},
 *       {@code x-mock-fault-after-tokens} and {@code x-mock-fault-stall-ms} override the configured
 *       {@code faultStatus}, {@code faultAfterTokens} and {@code faultStallMs} for that request. A bad header value is
 *       a 400 naming it.
 *   <li>Otherwise, with {@code faultEvery} N >= 1 and {@code faultOffset} O, the n-th generation request (n from 1,
 *       in the order the server accepted them; rejected requests are not counted) gets {@code faultMode} when
 *       {@code n > O} and {@code (n - O) % N == 0}. With O = 0: requests N, 2N, 3N...
 * </ul>
 */
final class FaultSelector {
  static final String MODE_HEADER = "x-mock-fault";
  static final String STATUS_HEADER = "x-mock-fault-status";
  static final String AFTER_TOKENS_HEADER = "x-mock-fault-after-tokens";
  static final String STALL_MS_HEADER = "x-mock-fault-stall-ms";

  private final MockConfig.Faults config;
  private final Fault periodic;

  FaultSelector(MockConfig.Faults config) {
    this.config = config;
    this.periodic = config.periodic();
  }

  /**
   * The fault a request's headers force, or null when they force none.
   *
   * @throws MockHttpException (400) for a fault header the server does not understand
   */
  Fault fromHeaders(HttpHeaders headers) {
    String mode = headers.get(MODE_HEADER);
    if (mode == null) {
      return null;
    }
    return new Fault(
        parse(mode),
        headerInt(headers, STATUS_HEADER, config.status(), 400, 599),
        headerInt(headers, AFTER_TOKENS_HEADER, config.afterTokens(), 0, Integer.MAX_VALUE),
        headerInt(headers, STALL_MS_HEADER, (int) Math.min(config.stallMs(), Integer.MAX_VALUE), 0,
            Integer.MAX_VALUE));
  }

  /**
   * The configured fault for the request of rank {@code requestNumber} (from 1), or {@link Fault#NONE}.
   */
  Fault periodic(long requestNumber) {
    long n = requestNumber - config.offset();
    return config.every() > 0 && n > 0 && n % config.every() == 0 ? periodic : Fault.NONE;
  }

  private static FaultMode parse(String mode) {
    try {
      return FaultMode.parse(mode, "header " + MODE_HEADER);
    } catch (IllegalArgumentException e) {
      throw MockHttpException.badRequest(e.getMessage(), null);
    }
  }

  private static int headerInt(HttpHeaders headers, String name, int fallback, int min, int max) {
    String text = headers.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw MockHttpException.badRequest(
        "Invalid value '" + text + "' for header " + name + ": expected an integer in [" + min + ", " + max + "]",
        null);
  }
}
