package io.github.gatlingllm.client;

import io.netty.util.NetUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves target host names off the event loops, once per host per client.
 *
 * <p>The JDK resolver blocks, and an event loop must never block, so names are looked up on Netty's global executor.
 * IP literals (the usual load-test target) never leave the calling thread. Results are kept for the client's life: a
 * benchmark talks to a fixed server, and this keeps DNS out of the measurements. Failed lookups are not kept.
 */
final class HostResolver {
  private final ConcurrentHashMap<String, CompletableFuture<InetAddress>> cache = new ConcurrentHashMap<>();

  CompletableFuture<InetAddress> resolve(String host) {
    CompletableFuture<InetAddress> f = cache.get(host);
    if (f != null) {
      return f;
    }
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
    if (literal != null) {
      try {
        f = CompletableFuture.completedFuture(InetAddress.getByAddress(host, literal));
      } catch (UnknownHostException e) { // only for a bad array length, which NetUtil never returns
        return CompletableFuture.failedFuture(e);
      }
    } else {
      f = CompletableFuture.supplyAsync(() -> lookup(host), GlobalEventExecutor.INSTANCE);
    }
    CompletableFuture<InetAddress> previous = cache.putIfAbsent(host, f);
    if (previous != null) {
      return previous;
    }
    CompletableFuture<InetAddress> mine = f;
    f.whenComplete((a, e) -> {
      if (e != null) {
        cache.remove(host, mine);
      }
    });
    return f;
  }

  private static InetAddress lookup(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }
}
