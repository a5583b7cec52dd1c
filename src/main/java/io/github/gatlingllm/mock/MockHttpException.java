package io.github.gatlingllm.mock;

/**
 * A request the server answers with an error status and an OpenAI-style JSON body. Stackless: it is an expected
 * outcome (a test may send thousands of bad requests), not a bug.
 */
final class MockHttpException extends RuntimeException {
  final int status;
  final String param;

  MockHttpException(int status, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.param = param;
  }

  static MockHttpException badRequest(String message, String param) {
    return new MockHttpException(400, message, param);
  }
}
