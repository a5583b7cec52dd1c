package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all connections of one server share: settings, the request counter, the batch, the prefix cache and the
 * in-flight count.
 */
final class ServerState {
  final MockConfig config;
  final LatencyModel latency;
  final FaultSelector faults;
  final IncomingRequestParser parser;
  final long startSeconds = System.currentTimeMillis() / 1000;
  final byte[] modelsBody;
  final TimingRecorder timing = new TimingRecorder();
  final TruthRecorder truth = new TruthRecorder();
  final RequestLog requests = new RequestLog();
  final KvCacheLoad kvCache = new KvCacheLoad();
  final BatchSlots batch;
  final PrefixBlockCache prefixCache;

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  ServerState(MockConfig config) {
    this.config = config;
    this.latency = new LatencyModel(config.latency());
    this.faults = new FaultSelector(config.faults());
    this.parser = new IncomingRequestParser(config);
    this.modelsBody = JsonResponses.bytes(models(config, startSeconds));
    this.batch = new BatchSlots(config.served().batchSlots());
    this.prefixCache = new PrefixBlockCache(config.prefixCache().blocks());
  }

  /**
   * Whether {@code decodedPath} is LLM-on-Ray's route of the served model, {@code /<model>}. Only that model: any
   * other unknown path stays a 404, even when the model check of the OpenAI routes is lenient.
   */
  boolean isModelRoute(String decodedPath) {
    return decodedPath.length() == config.served().model().length() + 1
        && decodedPath.charAt(0) == '/'
        && decodedPath.endsWith(config.served().model());
  }

  /** Rank of a newly accepted generation request, from 1: it names the request and selects its fault and seed. */
  long nextRequestNumber() {
    return accepted.incrementAndGet();
  }

  long acceptedRequests() {
    return accepted.get();
  }

  /** Generation requests running (the batch), not those queued for a slot: the ITL and /metrics' running. */
  int inFlight() {
    return inFlight.get();
  }

  /** Generation requests queued for a batch slot. */
  int waiting() {
    return batch.waiting();
  }

  /** Starts the truth and the lateness over ({@code POST /mock/stats/reset}). */
  void resetStats() {
    truth.reset();
    timing.reset();
    requests.clear();
  }

  void generationStarted() {
    inFlight.incrementAndGet();
  }

  /** @param freedNanos when its batch slot frees, the next queued request's start */
  void generationEnded(long freedNanos) {
    inFlight.decrementAndGet();
    batch.release(freedNanos);
  }

  private static ObjectNode models(MockConfig config, long created) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("object", "list");
    root.putArray("data")
        .addObject()
        .put("id", config.served().model())
        .put("object", "model")
        .put("created", created)
        .put("owned_by", "gatling-llm-mock")
        .put("root", config.served().model())
        .put("max_model_len", config.served().maxModelLen());
    return root;
  }
}
