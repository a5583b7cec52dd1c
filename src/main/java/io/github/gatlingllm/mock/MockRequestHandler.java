package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Routes requests: {@code GET /v1/models}, {@code GET /health}, {@code POST /v1/chat/completions}, {@code POST
 * /v1/completions}, TGI's {@code POST /generate_stream} and LLM-on-Ray's simple mode on {@code POST /<served
 * model>}; {@code GET /metrics} (Prometheus text, {@link MockMetrics}); {@code GET /mock/stats} and {@code POST /mock/stats/reset} (the server's own truth, see {@link
 * MockTruth}); anything else is a JSON 404 (unknown path) or 405 (wrong method). Stateless, shared by all
 * connections. Requests on one connection are answered one at a time (no pipelining: HTTP clients of LLM servers
 * wait for a response before reusing a connection).
 */
@Sharable
final class MockRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String STATS = "/mock/stats";
  static final String STATS_RESET = "/mock/stats/reset";

  private final ServerState state;

  MockRequestHandler(ServerState state) {
    this.state = state;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    // When the read that completed this request began: decoding it is part of the server's time to first token.
    long receivedNanos = ReadStamp.of(ctx.channel());
    try {
      route(ctx, request, receivedNanos);
    } catch (MockHttpException e) {
      ctx.writeAndFlush(ErrorResponses.response(ctx.alloc(), e.status, e.getMessage(), e.param), ctx.voidPromise());
    }
  }

  private void route(ChannelHandlerContext ctx, FullHttpRequest request, long receivedNanos) {
    if (!request.decoderResult().isSuccess()) {
      throw MockHttpException.badRequest("Malformed HTTP request: " + request.decoderResult().cause(), null);
    }
    String uri = request.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    Endpoint endpoint = Endpoint.forPath(path);
    if (endpoint != null) {
      require(request, HttpMethod.POST, path);
      generate(ctx, request, path, endpoint, receivedNanos);
    } else if (path.equals("/v1/models")) {
      require(request, HttpMethod.GET, path);
      ctx.writeAndFlush(
          JsonResponses.full(ctx.alloc(), HttpResponseStatus.OK, state.modelsBody), ctx.voidPromise());
    } else if (path.equals(STATS)) {
      require(request, HttpMethod.GET, path);
      ctx.writeAndFlush(
          JsonResponses.full(ctx.alloc(), HttpResponseStatus.OK, JsonResponses.bytes(stats())), ctx.voidPromise());
    } else if (path.equals(STATS_RESET)) {
      require(request, HttpMethod.POST, path);
      state.resetStats();
      ctx.writeAndFlush(
          JsonResponses.full(ctx.alloc(), HttpResponseStatus.OK, JsonResponses.bytes(stats())), ctx.voidPromise());
    } else if (path.equals(RequestLog.PATH)) {
      require(request, HttpMethod.GET, path);
      ctx.writeAndFlush(
          JsonResponses.full(ctx.alloc(), HttpResponseStatus.OK, JsonResponses.bytes(state.requests.toJson())),
          ctx.voidPromise());
    } else if (path.equals(MockMetrics.PATH)) {
      require(request, HttpMethod.GET, path);
      ctx.writeAndFlush(
          JsonResponses.full(ctx.alloc(), HttpResponseStatus.OK, MockMetrics.render(state).getBytes(UTF_8),
              MockMetrics.CONTENT_TYPE),
          ctx.voidPromise());
    } else if (path.equals("/health")) {
      require(request, HttpMethod.GET, path);
      ctx.writeAndFlush(JsonResponses.full(ctx.alloc(), HttpResponseStatus.OK, new byte[0]), ctx.voidPromise());
    } else if (state.isModelRoute(new QueryStringDecoder(uri).path())) {
      require(request, HttpMethod.POST, path);
      generate(ctx, request, path, Endpoint.LLM_ON_RAY_SIMPLE, receivedNanos);
    } else {
      throw new MockHttpException(404, "Not Found: " + request.method() + " " + path, null);
    }
  }

  private void generate(
      ChannelHandlerContext ctx, FullHttpRequest http, String path, Endpoint endpoint, long receivedNanos) {
    IncomingRequest request = state.parser.parse(endpoint, http.content());
    // Header faults are parsed before numbering, so that a rejected request takes no number.
    Fault forced = state.faults.fromHeaders(http.headers());
    long number = state.nextRequestNumber();
    state.requests.add(number, path, request, http.headers().get("x-user-id"));
    Fault fault = forced != null ? forced : state.faults.periodic(number);
    if (fault.is(FaultMode.HTTP_ERROR)) {
      throw new MockHttpException(
          fault.status(), "Mock fault: HTTP " + fault.status() + " injected for request " + number, null);
    }
    // With batch slots, the request may wait in the queue: it then starts later, on this channel's event loop.
    state.batch.submit(
        ctx.channel(),
        receivedNanos,
        slotNanos -> GenerationTask.start(ctx, state, request, number, fault, receivedNanos, slotNanos));
  }

  /** The truth plus the token lateness and request counts, for {@code GET /mock/stats}. */
  private ObjectNode stats() {
    ObjectNode root = state.truth.snapshot().toJson();
    MockTimingStats timing = state.timing.snapshot();
    root.putObject("lateness")
        .put("tokens", timing.tokens())
        .put("mean_ms", timing.meanLateMs())
        .put("max_ms", timing.maxLateMs())
        .put("over_1ms", timing.lateOver1Ms())
        .put("over_5ms", timing.lateOver5Ms())
        .put("over_20ms", timing.lateOver20Ms())
        .put("over_100ms", timing.lateOver100Ms());
    root.put("accepted_requests", state.acceptedRequests());
    root.put("truth_skip_first", state.config.truthSkipFirst());
    return root;
  }

  private static void require(FullHttpRequest request, HttpMethod method, String path) {
    if (!request.method().equals(method)) {
      throw new MockHttpException(
          405, "Method Not Allowed: " + request.method() + " " + path + " (use " + method + ")", null);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Peers resetting their connections are routine under load; anything else is a bug worth seeing.
    if (!(cause instanceof IOException)) {
      System.err.println("mock LLM server: closing a connection after an unexpected error: " + cause);
    }
    ctx.close();
  }
}
