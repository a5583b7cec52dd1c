package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the server really did, measured on the server: the reference an accuracy benchmark compares a client's
 * figures with. Only streaming requests without an injected fault count (a stream the client cuts short counts for what it sent), minus the first
 * {@code truthSkipFirst} requests (a client's warm-ups), since the start or the last reset.
 *
 * <ul>
 *   <li><b>server TTFT</b>: from the start of the socket read that completed the request (its last bytes arriving,
 *       before the mock decodes them: see {@link ReadStamp}; the latency model counts from the same instant) to the
 *       return of the flush that handed the first chunk to the socket (chat: the role chunk, which
 *       goes out with the first token; completions: the first token). With the epoll transport that flush performs
 *       the {@code write} system call, so the time is when the bytes entered the kernel.
 *   <li><b>server ITL</b>: for every chunk after the first, the time of its flush minus the previous chunk's flush,
 *       one sample per chunk as the client counts them; chunks that went out in the same flush (a late loop writing
 *       overdue tokens together, or chat's role chunk with token 1) give 0-gaps, as they reach the client in one read.
 * </ul>
 *
 * {@code meanFirstChunkNanoTime} is the mean absolute {@link System#nanoTime()} at which those first chunks went out.
 * On Linux it reads {@code CLOCK_MONOTONIC}, shared by every process of the machine, so a client on the same machine
 * can subtract the mean of its own send times: the result is the mean TTFT from the wire's point of view, including
 * the time the request waited in the socket before the server read it, which the server-side TTFT cannot see.
 *
 * <p>Statistics are exact on the raw samples (numpy-linear percentiles, as {@link io.github.gatlingllm.metrics
 * .Distribution} computes them), in milliseconds.
 */
public record MockTruth(Summary ttft, Summary itl, long meanFirstChunkNanoTime) {

  /** One distribution; all zero when it is empty. */
  public record Summary(long count, double meanMs, double medianMs, double p99Ms) {
    ObjectNode toJson(JsonNodeFactory json) {
      return json.objectNode().put("count", count).put("mean", meanMs).put("median", medianMs).put("p99", p99Ms);
    }
  }

  /** Requests in the truth (one TTFT each). */
  public long requests() {
    return ttft.count;
  }

  /** {@code {"requests":n,"ttft_ms":{"count","mean","median","p99"},"itl_ms":{...},"mean_first_chunk_nanotime":t}}. */
  public ObjectNode toJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("requests", requests());
    root.set("ttft_ms", ttft.toJson(json));
    root.set("itl_ms", itl.toJson(json));
    root.put("mean_first_chunk_nanotime", meanFirstChunkNanoTime);
    return root;
  }
}
