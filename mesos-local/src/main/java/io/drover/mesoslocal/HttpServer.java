package io.drover.mesoslocal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server on 127.0.0.1, on Netty. Netty keeps reading every connection, so a client
 * that closes its connection in the middle of a streaming response is seen at once (the JDK's
 * server notices only when the next write fails). Requests go to the route with the longest
 * matching path prefix and are answered one at a time per connection, in order: a {@link Route} runs
 * on {@code workers} (it may block), an {@link InlineRoute} on the connection's I/O thread, or right
 * after the connection's previous answer on the thread that gave it (it only hands work on, so a
 * scheduler call costs no thread hop besides the master loop's, pipelined ones not even that).
 */
final class HttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  private static final int MAX_BODY = 64 * 1024 * 1024;

  /** Handles one request; must answer it through the exchange (or leave it streaming). */
  @FunctionalInterface
  interface Route {
    void handle(Exchange exchange) throws Exception;
  }

  /**
   * Handles one request without blocking, on the connection's I/O thread or the thread that answered
   * the connection's previous request; the result completes once the request is answered (or left
   * streaming), and the connection's next request waits for it.
   */
  @FunctionalInterface
  interface InlineRoute {
    CompletionStage<?> handle(Exchange exchange) throws Exception;
  }

  /** What handles a path: one of a blocking or an inline route. */
  private record Handler(Route blocking, InlineRoute inline) {}

  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  /** False for a server on another server's threads: closing it closes only its own socket. */
  private final boolean ownsThreads;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  /** Open connections, closed with the server (on shared threads nothing else would close them). */
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final ExecutorService workers;
  private Channel server;

  HttpServer(ExecutorService workers) {
    this(workers, new NioEventLoopGroup(1, ProcessTaskRunner.daemon("mesos-local-http-accept")),
        new NioEventLoopGroup(2, ProcessTaskRunner.daemon("mesos-local-http-io")), true);
  }

  private HttpServer(ExecutorService workers, EventLoopGroup boss, EventLoopGroup io, boolean ownsThreads) {
    this.workers = workers;
    this.boss = boss;
    this.io = io;
    this.ownsThreads = ownsThreads;
  }

  /** Another server (its own port and routes) on this one's I/O threads and workers, so agents cost no threads. */
  HttpServer sibling() {
    return new HttpServer(workers, boss, io, false);
  }

  /** Adds a route for every path starting with {@code prefix}; until then such paths answer 404. */
  HttpServer route(String prefix, Route route) {
    routes.put(prefix, new Handler(route, null));
    return this;
  }

  /** As {@link #route}, for a route that never blocks. */
  HttpServer inlineRoute(String prefix, InlineRoute route) {
    routes.put(prefix, new Handler(null, route));
    return this;
  }

  /** Binds 127.0.0.1:{@code port} (0 = ephemeral) and starts accepting. */
  HttpServer start(int port) throws IOException {
    ServerBootstrap bootstrap = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
        // An agent stopped and started again binds its port again at once, as a real agent restarts.
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            // No limit on pipelined requests (Netty closes the connection past 128 by default): libprocess
            // queues them all and answers in order, and a scheduler may pipeline every acknowledgement.
            ch.pipeline().addLast(new HttpServerCodec(new HttpDecoderConfig(), Integer.MAX_VALUE),
                new HttpServerKeepAliveHandler(),
                new HttpObjectAggregator(MAX_BODY), new Dispatcher());
          }
        });
    try {
      server = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IOException("interrupted while binding port " + port, e);
    } catch (Exception e) {
      close();
      throw new IOException("cannot bind 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    return this;
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  private Handler routeFor(String path) {
    Handler best = null;
    int length = -1;
    for (Map.Entry<String, Handler> r : routes.entrySet()) {
      if (path.startsWith(r.getKey()) && r.getKey().length() > length) {
        best = r.getValue();
        length = r.getKey().length();
      }
    }
    return best;
  }

  /** One per connection: handles each request after the previous one was answered. */
  private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      Exchange exchange = Exchange.of(ctx.channel(), request);
      Handler handler = routeFor(exchange.path());
      if (handler != null && handler.inline() != null) {
        // Right after the previous answer, on the thread that gave it (for a pipelined scheduler call,
        // the master loop, which then queues the next call to itself without a thread hop).
        previous = previous.thenCompose(ignored -> inline(handler.inline(), exchange));
      } else {
        previous = previous.thenRunAsync(() -> blocking(handler, exchange), workers);
      }
    }

    private CompletableFuture<Void> inline(InlineRoute route, Exchange exchange) {
      try {
        return route.handle(exchange).toCompletableFuture().handle((ignored, error) -> {
          if (error != null) {
            failed(exchange, error);
          }
          return null;
        });
      } catch (Exception | Error e) {
        failed(exchange, e);
        return CompletableFuture.completedFuture(null);
      }
    }

    private void blocking(Handler handler, Exchange exchange) {
      try {
        if (handler == null) {
          exchange.respond(404, "No such endpoint: " + exchange.path());
        } else {
          handler.blocking().handle(exchange);
        }
      } catch (Exception | Error e) {
        failed(exchange, e);
      }
    }

    private void failed(Exchange exchange, Throwable e) {
      log.warn("{} {} failed", exchange.method(), exchange.path(), e);
      exchange.respondIfNot(500, "mesos-local failed: " + e);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  /** Stops accepting, closes every connection and, unless a {@link #sibling}, the I/O threads. */
  @Override
  public void close() {
    if (server != null) {
      server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (!ownsThreads) {
      return;
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
