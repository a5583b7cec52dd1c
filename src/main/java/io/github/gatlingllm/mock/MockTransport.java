package io.github.gatlingllm.mock;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The I/O transport of the server's event loops. Epoll is preferred because its timers wake the loop with
 * sub-millisecond precision (timerfd), which the per-token schedule relies on; NIO's selector rounds timeouts to
 * milliseconds.
 */
record MockTransport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> channelClass) {

  static MockTransport select(boolean preferNative) {
    if (preferNative && epollAvailable()) {
      return new MockTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
    return new MockTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }

  private static boolean epollAvailable() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError e) {
      return false; // epoll classes absent from the class path (not Linux, or a trimmed deployment)
    }
  }
}
